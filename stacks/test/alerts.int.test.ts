import { beforeAll, expect, it } from "vitest";
import { createdResource, describeStack, installPulumiMocks } from "./pulumi-mocks.ts";

describeStack("createAlerts", () => {
  beforeAll(async () => {
    await installPulumiMocks();
  });

  it("subscribes the secret's e-mail address to the alert topic", async () => {
    const { createAlerts } = await import("../alerts.ts");

    createAlerts({ email: "ops@example.com" });

    const subscription = await createdResource("aws:sns/topicSubscription:TopicSubscription");
    const topic = await createdResource("aws:sns/topic:Topic");
    expect(subscription.inputs).toMatchObject({ protocol: "email", endpoint: "ops@example.com" });
    expect(subscription.inputs.topic).toContain(topic.inputs.name);
  });
});
