/** The report site: Next.js on AWS, inside the VPC beside the database, behind a password. */
import { basicAuthInjection, basicAuthorization, SITE_AUTH_ENV, SITE_USERNAME } from "./naming.ts";
import { siteGrants } from "./policies.ts";

export function createSite(options: {
  vpc: sst.aws.Vpc;
  database: sst.aws.Aurora;
  databaseUrl: $util.Input<string>;
  bucketName: $util.Input<string>;
  bucketArn: $util.Input<string>;
  password: $util.Output<string>;
}) {
  const { vpc, database, databaseUrl, bucketName, bucketArn, password } = options;
  const grants = $output(bucketArn).apply((arn) =>
    siteGrants(arn).map((grant) => ({
      actions: [...grant.actions],
      resources: [...grant.resources],
    })),
  );

  const site = new sst.aws.Nextjs("Site", {
    path: "packages/web",
    link: [database],
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
  });

  return { site };
}
