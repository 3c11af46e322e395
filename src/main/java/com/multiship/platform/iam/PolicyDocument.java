package com.multiship.platform.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * IAM policy documents as JSON text, built with Jackson rather than string templates, so that ARNs and
 * conditions are always escaped correctly. Pure functions: tested without the engine.
 */
public final class PolicyDocument {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArrayNode statements = JsonNodeFactory.instance.arrayNode();

    public static PolicyDocument create() {
        return new PolicyDocument();
    }

    /** Allows {@code actions} on {@code resources}. */
    public PolicyDocument allow(List<String> actions, List<String> resources) {
        var statement = statements.addObject();
        statement.put("Effect", "Allow");
        strings(statement.putArray("Action"), actions);
        strings(statement.putArray("Resource"), resources);
        return this;
    }

    /** Allows {@code actions} on {@code resources} when {@code conditions} hold: operator to key to value. */
    public PolicyDocument allow(List<String> actions, List<String> resources, Map<String, Map<String, String>> conditions) {
        allow(actions, resources);
        var condition = ((ObjectNode) statements.get(statements.size() - 1)).putObject("Condition");
        conditions.forEach((operator, pairs) -> pairs.forEach(condition.putObject(operator)::put));
        return this;
    }

    public String toJson() {
        var document = JsonNodeFactory.instance.objectNode();
        document.put("Version", "2012-10-17");
        document.set("Statement", statements);
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust policy letting an AWS service, such as {@code vpc-flow-logs.amazonaws.com}, assume a role. */
    public static String assumeRoleByService(String... services) {
        var document = JsonNodeFactory.instance.objectNode();
        serviceTrust(document, List.of(services));
        return write(document);
    }

    /** Adds the one statement of a service trust policy to {@code document} and returns it. */
    private static ObjectNode serviceTrust(
            ObjectNode document, List<String> services) {
        document.put("Version", "2012-10-17");
        var statement = document.putArray("Statement").addObject();
        statement.put("Effect", "Allow");
        strings(statement.putObject("Principal").putArray("Service"), services);
        strings(statement.putArray("Action"), List.of("sts:AssumeRole"));
        return statement;
    }

    /**
     * A trust policy letting an AWS service assume a role only for this account and for the resources matching
     * {@code sourceArn} (confused-deputy protection: {@code aws:SourceAccount} and {@code aws:SourceArn}).
     */
    public static String assumeRoleByService(String service, String sourceAccount, String sourceArn) {
        var document = JsonNodeFactory.instance.objectNode();
        var condition = serviceTrust(document, List.of(service)).putObject("Condition");
        condition.putObject("StringEquals").put("aws:SourceAccount", sourceAccount);
        condition.putObject("ArnLike").put("aws:SourceArn", sourceArn);
        return write(document);
    }

    /**
     * A trust policy for IAM roles for service accounts: only the named Kubernetes service account, through the
     * cluster's OIDC provider, may assume the role.
     *
     * @param oidcProviderArn the cluster's IAM OIDC provider
     * @param issuerUrl       the cluster's OIDC issuer URL, with or without {@code https://}
     */
    public static String assumeRoleByServiceAccount(String oidcProviderArn, String issuerUrl, String namespace,
                                                    String serviceAccount) {
        var issuer = issuerUrl.replaceFirst("^https://", "");
        var document = JsonNodeFactory.instance.objectNode();
        document.put("Version", "2012-10-17");
        var statement = document.putArray("Statement").addObject();
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Federated", oidcProviderArn);
        strings(statement.putArray("Action"), List.of("sts:AssumeRoleWithWebIdentity"));
        var equals = statement.putObject("Condition").putObject("StringEquals");
        equals.put(issuer + ":sub", "system:serviceaccount:" + namespace + ":" + serviceAccount);
        equals.put(issuer + ":aud", "sts.amazonaws.com");
        return write(document);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String write(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
