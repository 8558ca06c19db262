/** The report site: Next.js on AWS, inside the VPC beside the database, behind a password. */
import { basicAuthInjection, basicAuthorization, SITE_AUTH_ENV, SITE_USERNAME } from "./naming.ts";
import { siteGrants } from "./policies.ts";

export interface SiteOptions {
  readonly vpc: sst.aws.Vpc;
  readonly databaseUrl: $util.Input<string>;
  readonly bucketName: $util.Input<string>;
  readonly bucketArn: $util.Input<string>;
  readonly password: $util.Output<string>;
}

/**
 * The site's arguments. It links nothing: the server reads the database through DATABASE_URL
 * and the bucket through its own read-only grants, so linking the cluster would only add
 * `rds-data:*` and `secretsmanager:GetSecretValue` to its role. Takes no Lambda, so it is
 * tested with Pulumi mocks.
 */
export function siteArgs(options: SiteOptions): sst.aws.NextjsArgs {
  const { vpc, databaseUrl, bucketName, bucketArn, password } = options;
  const grants = $output(bucketArn).apply((arn) =>
    siteGrants(arn).map((grant) => ({
      actions: [...grant.actions],
      resources: [...grant.resources],
    })),
  );

  return {
    path: "packages/web",
    vpc,
    environment: {
      DATABASE_URL: databaseUrl,
      CHURN_BUCKET: bucketName,
      [SITE_AUTH_ENV.username]: SITE_USERNAME,
      [SITE_AUTH_ENV.password]: password,
    },
    permissions: grants,
    // CloudFront turns away requests without the credentials before they reach the server or
    // the static assets; the site checks them again, since its function URL is public.
    edge: {
      viewerRequest: {
        injection: password.apply((secret) =>
          basicAuthInjection(basicAuthorization(SITE_USERNAME, secret)),
        ),
      },
    },
  };
}

export function createSite(options: SiteOptions) {
  const site = new sst.aws.Nextjs("Site", siteArgs(options));
  return { site };
}
