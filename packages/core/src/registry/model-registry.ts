import * as v from "valibot";
import { ChurnError, isChurnError } from "../errors/index.ts";
import { type Clock, type ObjectStore, systemClock } from "../ports/index.ts";
import {
  ALIASES_PREFIX,
  aliasKey,
  type ModelVersionKeys,
  modelVersionKeys,
  VERSIONS_PREFIX,
  versionNumberOfKey,
} from "./keys.ts";
import {
  AliasNameSchema,
  type AliasRecord,
  AliasRecordSchema,
  type ModelVersionMetadata,
  ModelVersionMetadataSchema,
  ModelVersionNameSchema,
} from "./metadata.ts";

/** What a trainer hands over to become a model version. */
export interface RegisterModelInput {
  /** The XGBoost JSON model text. */
  readonly modelJson: string;
  /** `model.tar.gz` bytes holding exactly one file, `xgboost-model`. */
  readonly modelArchive: Uint8Array;
  readonly referenceCsv: string;
  /** JSON-serialisable reference statistics of the reference set, for drift. */
  readonly referenceStatistics: unknown;
  /** The metadata; the registry sets `version` and `createdAt`. */
  readonly metadata: Omit<ModelVersionMetadata, "version" | "createdAt">;
}

export interface ModelRegistry {
  /** Stores a new immutable version, numbered after the highest existing one. */
  register(input: RegisterModelInput): Promise<ModelVersionMetadata>;
  /** The metadata of a version (`v3`) or of the version an alias (`staging`) points at. */
  resolve(versionOrAlias: string): Promise<ModelVersionMetadata>;
  /** Every complete version, oldest first. */
  list(): Promise<ModelVersionMetadata[]>;
  /** Every alias, by name. */
  aliases(): Promise<AliasRecord[]>;
  /** Points `alias` at an existing version (moving it if it pointed elsewhere). */
  setAlias(alias: string, version: string): Promise<AliasRecord>;
  readModelJson(version: string): Promise<string>;
  readReferenceStatistics(version: string): Promise<unknown>;
  keysOf(version: string): ModelVersionKeys;
}

/**
 * Checks that `alias` can name an alias (lower case letters, digits and dashes, starting with a
 * letter), so that a caller can refuse it before doing work. Throws `registry.bad_name`.
 */
export function assertAliasName(alias: string): void {
  if (!v.is(AliasNameSchema, alias)) {
    throw new ChurnError(
      "registry.bad_name",
      `"${alias}" is not a valid alias name; use lower case letters, digits and dashes, starting with a letter.`,
      { context: { alias } },
    );
  }
}

/** Attempts at claiming the next version number when another writer takes it first. */
const MAX_CLAIM_ATTEMPTS = 5;

/**
 * A model registry over the ObjectStore port, laid out under `models/` so the same registry
 * works in a local folder and in S3. Throws `ChurnError` codes `registry.not_found`,
 * `registry.bad_name`, `registry.corrupt` and `registry.conflict`.
 */
export function createModelRegistry(
  store: ObjectStore,
  options: { clock?: Clock } = {},
): ModelRegistry {
  const clock = options.clock ?? systemClock;

  async function readJson(key: string, what: string): Promise<unknown> {
    const bytes = await store.readBytes(key).catch((error: unknown) => {
      if (isChurnError(error, "store.not_found")) {
        throw new ChurnError("registry.not_found", `${what} does not exist (${key}).`, {
          context: { key },
          cause: error,
        });
      }
      throw error;
    });
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (cause) {
      throw new ChurnError(
        "registry.corrupt",
        `${what} is not valid JSON (${key}); restore it from a backup.`,
        {
          context: { key },
          cause,
        },
      );
    }
  }

  async function readMetadata(version: string): Promise<ModelVersionMetadata> {
    const key = modelVersionKeys(version).metadata;
    const parsed = v.safeParse(
      ModelVersionMetadataSchema,
      await readJson(key, `Model version ${version}`),
    );
    if (!parsed.success) {
      throw new ChurnError(
        "registry.corrupt",
        `The metadata of model version ${version} does not match its schema: ${v.summarize(parsed.issues)}`,
        { context: { key, version } },
      );
    }
    return parsed.output;
  }

  async function versionNumbers(): Promise<number[]> {
    const numbers = new Set<number>();
    for await (const object of store.list(VERSIONS_PREFIX)) {
      const number = versionNumberOfKey(object.key);
      if (number !== undefined) numbers.add(number);
    }
    return [...numbers].sort((a, b) => a - b);
  }

  async function claimVersion(modelJson: string): Promise<string> {
    const existing = await versionNumbers();
    let next = (existing.at(-1) ?? 0) + 1;
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++, next++) {
      const version = `v${next}`;
      try {
        await store.write(modelVersionKeys(version).model, modelJson, {
          contentType: "application/json",
          ifAbsent: true,
        });
        return version;
      } catch (error) {
        if (!isChurnError(error, "store.exists")) throw error;
      }
    }
    throw new ChurnError(
      "registry.conflict",
      `Could not claim a model version number after ${MAX_CLAIM_ATTEMPTS} attempts; another trainer is registering, retry.`,
    );
  }

  async function resolveVersionName(versionOrAlias: string): Promise<string> {
    if (v.is(ModelVersionNameSchema, versionOrAlias)) return versionOrAlias;
    if (!v.is(AliasNameSchema, versionOrAlias)) {
      throw new ChurnError(
        "registry.bad_name",
        `"${versionOrAlias}" is neither a model version (v1, v2, …) nor an alias name (lower case letters, digits, dashes).`,
        { context: { versionOrAlias } },
      );
    }
    const record = v.safeParse(
      AliasRecordSchema,
      await readJson(aliasKey(versionOrAlias), `Alias ${versionOrAlias}`),
    );
    if (!record.success) {
      throw new ChurnError(
        "registry.corrupt",
        `Alias ${versionOrAlias} does not match its schema; set it again.`,
        {
          context: { alias: versionOrAlias },
        },
      );
    }
    return record.output.version;
  }

  return {
    async register(input) {
      const version = await claimVersion(input.modelJson);
      const keys = modelVersionKeys(version);
      const once = { ifAbsent: true } as const;
      await store.write(keys.archive, input.modelArchive, {
        ...once,
        contentType: "application/gzip",
      });
      await store.write(keys.reference, input.referenceCsv, { ...once, contentType: "text/csv" });
      await store.write(keys.referenceStatistics, JSON.stringify(input.referenceStatistics), {
        ...once,
        contentType: "application/json",
      });
      const metadata = v.parse(ModelVersionMetadataSchema, {
        ...input.metadata,
        version,
        createdAt: clock.now().toISOString(),
      });
      // The metadata goes last: a version without it is incomplete and never listed or resolved.
      await store.write(keys.metadata, `${JSON.stringify(metadata, null, 2)}\n`, {
        ...once,
        contentType: "application/json",
      });
      return metadata;
    },

    async resolve(versionOrAlias) {
      return readMetadata(await resolveVersionName(versionOrAlias));
    },

    async list() {
      const versions: ModelVersionMetadata[] = [];
      for (const number of await versionNumbers()) {
        const version = `v${number}`;
        if ((await store.stat(modelVersionKeys(version).metadata)) === undefined) continue;
        versions.push(await readMetadata(version));
      }
      return versions;
    },

    async aliases() {
      const records: AliasRecord[] = [];
      for await (const object of store.list(ALIASES_PREFIX)) {
        if (!object.key.endsWith(".json")) continue;
        const parsed = v.safeParse(AliasRecordSchema, await readJson(object.key, "An alias"));
        if (parsed.success) records.push(parsed.output);
      }
      return records.sort((a, b) => a.alias.localeCompare(b.alias));
    },

    async setAlias(alias, version) {
      assertAliasName(alias);
      if (!v.is(ModelVersionNameSchema, version)) {
        throw new ChurnError(
          "registry.bad_name",
          `"${version}" is not a model version name (v1, v2, …).`,
          {
            context: { version },
          },
        );
      }
      await readMetadata(version);
      const record: AliasRecord = { alias, version, updatedAt: clock.now().toISOString() };
      await store.write(aliasKey(alias), `${JSON.stringify(record)}\n`, {
        contentType: "application/json",
      });
      return record;
    },

    async readModelJson(version) {
      const bytes = await store.readBytes(modelVersionKeys(version).model);
      return new TextDecoder().decode(bytes);
    },

    async readReferenceStatistics(version) {
      return readJson(
        modelVersionKeys(version).referenceStatistics,
        `Reference statistics of ${version}`,
      );
    },

    keysOf: modelVersionKeys,
  };
}
