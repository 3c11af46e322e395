package com.multiship.platform.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * The key policy of the stack's log key, as JSON text. Two statements, after "Encrypt log data in CloudWatch Logs
 * using AWS KMS" (docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html):
 * <ul>
 *   <li>the account's IAM policies decide who administers and uses the key (the default key policy's statement);</li>
 *   <li>CloudWatch Logs of this region may use it, and only for this account's log groups in this region: the
 *       {@code kms:EncryptionContext:aws:logs:arn} condition, which CloudWatch Logs sets to the log group's ARN on
 *       every request, so the key cannot encrypt another account's log group through the service.</li>
 * </ul>
 * Pure: tested without the engine.
 */
public final class LogKeyPolicy {
    static final List<String> LOGS_ACTIONS = List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*",
            "kms:GenerateDataKey*", "kms:Describe*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogKeyPolicy() {}

    public static String json(String partition, String accountId, String region) {
        var document = JsonNodeFactory.instance.objectNode();
        document.put("Version", "2012-10-17");
        ArrayNode statements = document.putArray("Statement");

        var account = statements.addObject();
        account.put("Sid", "AccountIamPolicies");
        account.put("Effect", "Allow");
        account.putObject("Principal").put("AWS", "arn:" + partition + ":iam::" + accountId + ":root");
        account.put("Action", "kms:*");
        account.put("Resource", "*");

        var logs = statements.addObject();
        logs.put("Sid", "CloudWatchLogsOfThisAccount");
        logs.put("Effect", "Allow");
        logs.putObject("Principal").put("Service", "logs." + region + ".amazonaws.com");
        var actions = logs.putArray("Action");
        LOGS_ACTIONS.forEach(actions::add);
        logs.put("Resource", "*");
        logs.putObject("Condition").putObject("ArnLike").put("kms:EncryptionContext:aws:logs:arn",
                "arn:" + partition + ":logs:" + region + ":" + accountId + ":log-group:*");
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
