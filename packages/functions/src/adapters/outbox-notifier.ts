import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  type AlertMessage,
  type Clock,
  type Logger,
  type Notifier,
  silentLogger,
  systemClock,
} from "@churn/core";

export interface OutboxOptions {
  /** The folder the `.eml` files go to, created when missing. */
  readonly dir: string;
  readonly from?: string;
  readonly to?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** A unique token per message; injected so tests are deterministic. */
  readonly newToken?: () => string;
}

/**
 * Writes each alert as an RFC 5322 message (UTF-8, CRLF line ends) to `<dir>/<time>-<token>.eml`,
 * which any mail client opens, and echoes its subject and key lines as a warning, the level
 * every local command shows. The file appears whole (temp file, then rename). Returns the
 * Message-ID.
 */
export function createOutboxNotifier(options: OutboxOptions): Notifier {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const newToken = options.newToken ?? (() => randomBytes(6).toString("hex"));

  return {
    async publish(message) {
      const sentAt = clock.now();
      const token = newToken();
      const messageId = `<${sentAt.getTime()}.${token}@churn.local>`;
      const text = formatEmail(message, {
        from: options.from ?? "Churn monitoring <alerts@churn.local>",
        to: options.to ?? "Model owners <owners@churn.local>",
        sentAt,
        messageId,
      });

      await mkdir(options.dir, { recursive: true });
      const stamp = sentAt.toISOString().replace(/[:.]/g, "-");
      const file = path.join(options.dir, `${stamp}-${token}.eml`);
      const temp = `${file}.partial`;
      await writeFile(temp, text, { encoding: "utf8", flag: "wx" });
      await rename(temp, file);

      const echo = [
        `Alert: ${oneLine(message.subject)} (mail in ${file})`,
        ...keyLines(message.body),
      ];
      logger.warn(echo.join("\n  "), { messageId });
      return messageId;
    },
  };
}

/** An RFC 5322 message with a UTF-8 plain-text body; a non-ASCII subject in RFC 2047 words. */
export function formatEmail(
  message: AlertMessage,
  envelope: { from: string; to: string; sentAt: Date; messageId: string },
): string {
  const headers = [
    `From: ${oneLine(envelope.from)}`,
    `To: ${oneLine(envelope.to)}`,
    `Subject: ${encodeHeaderText(oneLine(message.subject))}`,
    `Date: ${formatRfc5322Date(envelope.sentAt)}`,
    `Message-ID: ${envelope.messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
  ];
  const body = message.body.replace(/\r\n|\r|\n/g, "\r\n");
  return `${headers.join("\r\n")}\r\n\r\n${body}${body.endsWith("\r\n") ? "" : "\r\n"}`;
}

/** `Thu, 03 Dec 2026 19:25:08 +0000`, always in UTC. */
export function formatRfc5322Date(date: Date): string {
  // toUTCString gives "Thu, 03 Dec 2026 19:25:08 GMT"; RFC 5322 prefers a numeric zone.
  return date.toUTCString().replace(/GMT$/, "+0000");
}

/**
 * Header text as RFC 2047 base64 encoded words when it is not plain ASCII, folded so that no
 * line passes 78 characters; a character's UTF-8 bytes are never split across words.
 */
export function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = "";
  for (const character of text) {
    // 39 bytes of UTF-8 become 52 base64 characters, 64 with =?UTF-8?B?...?=, so even the
    // first line, behind "Subject: ", stays within the 78 characters RFC 5322 recommends.
    if (Buffer.byteLength(chunk + character, "utf8") > 39) {
      words.push(chunk);
      chunk = "";
    }
    chunk += character;
  }
  if (chunk !== "") words.push(chunk);
  return words
    .map((word) => `=?UTF-8?B?${Buffer.from(word, "utf8").toString("base64")}?=`)
    .join("\r\n ");
}

/**
 * The lines of an alert's body a reader acts on: the file, model version and run, and the
 * listed columns or scores (`- name: value (threshold …)`), as the core's alert texts write them.
 */
function keyLines(body: string): string[] {
  return body
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => /^(File|Model version|Run): /.test(line) || line.startsWith("- "));
}

/** Line breaks in a header would start a new header; they become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").trim();
}
