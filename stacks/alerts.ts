/** The topic the state machine publishes drift and score alerts to, and who receives them. */

/**
 * An SNS topic with one e-mail subscription. AWS mails the address a confirmation link on the
 * first deploy; nothing is delivered until someone follows it (see docs/deploy.md).
 */
export function createAlerts(options: { email: $util.Input<string> }) {
  const topic = new sst.aws.SnsTopic("Alerts");

  const subscription = new aws.sns.TopicSubscription("AlertsEmail", {
    topic: topic.arn,
    protocol: "email",
    endpoint: options.email,
  });

  return { topic, subscription };
}
