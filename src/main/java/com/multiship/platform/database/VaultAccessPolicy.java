package com.multiship.platform.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.Optional;

/**
 * The access policy of a backup vault, as JSON text: nobody (any principal of any account) may delete a recovery
 * point or change its lifecycle, except the break-glass role when there is one. A resource policy's Deny wins over
 * every identity policy's Allow, administrators' included. AWS Backup's own lifecycle expiry is not a principal's
 * request and is not affected. Pure: tested without the engine.
 */
final class VaultAccessPolicy {
    /** What would empty or shorten the vault's contents. */
    static final List<String> DENIED = List.of("backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle");
    private static final ObjectMapper JSON = new ObjectMapper();

    private VaultAccessPolicy() {}

    static String json(Optional<String> breakGlassRoleArn) {
        var document = JsonNodeFactory.instance.objectNode();
        document.put("Version", "2012-10-17");
        var statement = document.putArray("Statement").addObject();
        statement.put("Sid", "NoDeletingRecoveryPoints");
        statement.put("Effect", "Deny");
        statement.putObject("Principal").put("AWS", "*");
        var actions = statement.putArray("Action");
        DENIED.forEach(actions::add);
        statement.put("Resource", "*");
        // aws:PrincipalArn is the role's ARN (not the session's) when a role is assumed.
        breakGlassRoleArn.ifPresent(role -> statement.putObject("Condition").putObject("ArnNotEquals")
                .put("aws:PrincipalArn", role));
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
