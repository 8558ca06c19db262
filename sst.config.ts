/// <reference path="./.sst/platform/config.d.ts" />

/**
 * The whole platform on AWS, one stage per `sst deploy --stage <name>`. Resources are defined by
 * family in stacks/; docs/deploy.md explains the first deploy, the secrets and what it costs.
 */
export default $config({
  app(input) {
    const isProduction = input.stage === "production";
    return {
      name: "churn",
      home: "aws",
      version: "4.17.1",
      removal: isProduction ? "retain" : "remove",
      protect: isProduction,
    };
  },

  async run() {
    const { createStorage, notifyStarter } = await import("./stacks/storage.ts");
    const { createNetwork } = await import("./stacks/network.ts");
    const { createDatabase, migrateOnDeploy } = await import("./stacks/database.ts");
    const { createAlerts } = await import("./stacks/alerts.ts");
    const { createModelServing } = await import("./stacks/model.ts");
    const { createSite } = await import("./stacks/web.ts");
    const { createPipeline } = await import("./stacks/pipeline.ts");
    const { publishDeployment } = await import("./stacks/outputs.ts");
    const { stateMachineConsoleUrl } = await import("./stacks/naming.ts");
    const { parseServingConfig } = await import("./packages/functions/src/deploy/serving.ts");

    const app = $app.name;
    const stage = $app.stage;
    const alertEmail = new sst.Secret("AlertEmail");
    const sitePassword = new sst.Secret("SitePassword");
    const serving = parseServingConfig(process.env);
    const modelAlias = process.env.CHURN_MODEL_ALIAS || "staging";

    const { bucket } = createStorage();
    const { vpc } = createNetwork();
    const { database, databaseUrl } = createDatabase({ vpc, stage });
    migrateOnDeploy({ vpc, database, databaseUrl });
    const alerts = createAlerts({ email: alertEmail.value });
    const model = createModelServing({
      app,
      stage,
      bucket: { name: bucket.name, arn: bucket.arn },
      modelVersion: process.env.CHURN_MODEL_VERSION || undefined,
      serving,
    });
    const { site } = createSite({
      vpc,
      databaseUrl,
      bucketName: bucket.name,
      bucketArn: bucket.arn,
      password: sitePassword.value,
    });
    const { stateMachine, starter } = createPipeline({
      app,
      stage,
      vpc,
      bucketArn: bucket.arn,
      endpointArn: model.endpointArn,
      alertTopicArn: alerts.topic.arn,
      settings: {
        bucketName: bucket.name,
        databaseUrl,
        endpointName: model.endpointName,
        siteUrl: site.url,
        modelAlias,
      },
    });
    notifyStarter(bucket, starter.arn);

    const region = aws.getRegionOutput().region;
    publishDeployment({
      app,
      stage,
      region,
      bucketName: bucket.name,
      endpointName: model.endpointName,
      modelAlias,
      modelRoleArn: model.role.arn,
      imageUri: model.imageUri,
      serving,
      stateMachineArn: stateMachine.arn,
      siteUrl: site.url,
    });

    return {
      bucket: bucket.name,
      site: site.url,
      stateMachine: $resolve({ region, arn: stateMachine.arn }).apply(({ region, arn }) =>
        stateMachineConsoleUrl(region, arn),
      ),
      endpoint: model.endpointName,
    };
  },
});
