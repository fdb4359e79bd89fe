package ro.caravana.scheduler.notice.gateway;

/** What the network says became of a message: delivered, or failed with the operator's state and error. */
public record DeliveryReport(String messageId, boolean delivered, String state, String error) {}
