package com.multiship.platform.logging;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetPartitionArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The customer-managed KMS key of the stack's CloudWatch log groups (control-plane audit log, PostgreSQL log with
 * statement text, flow logs): rotating, 30 days' deletion window, protected in production (deleting it would make
 * every log encrypted with it unreadable), with a key policy that admits CloudWatch Logs of the stack's region for
 * this account's log groups only ({@link LogKeyPolicy}).
 */
public final class LogKey extends ComponentResource {
    private final Output<String> arn;

    /**
     * @param prefix  names the alias, {@code alias/<prefix>-logs}
     * @param region  the stack's region: the CloudWatch Logs service principal is regional
     * @param protect production: the key is protected from deletion by Pulumi
     */
    public LogKey(String name, String prefix, String region, boolean protect, ComponentResourceOptions options) {
        super("platform:logging:LogKey", name, null, options);
        var invoke = new InvokeOptions(this, null, null);
        var account = AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(), invoke)
                .applyValue(identity -> identity.accountId());
        var partition = AwsFunctions.getPartition(GetPartitionArgs.builder().build(), invoke)
                .applyValue(p -> p.partition());
        var key = new Key(name, KeyArgs.builder()
                .description("CloudWatch log groups of " + prefix)
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(Output.tuple(partition, account).applyValue(t -> LogKeyPolicy.json(t.t1, t.t2, region)))
                .build(), CustomResourceOptions.builder().parent(this).protect(protect).build());
        new Alias(name + "-alias", AliasArgs.builder()
                .name("alias/" + prefix + "-logs")
                .targetKeyId(key.keyId())
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.arn = key.arn();
        registerOutputs(Map.of("arn", arn));
    }

    public Output<String> arn() {
        return arn;
    }
}
