package com.multiship.platform.iam;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.Resource;

/**
 * Trust policies of service roles that guard against the confused deputy: the service may assume the role only on
 * behalf of this account ({@code aws:SourceAccount}) and of the named resources ({@code aws:SourceArn}), so that another
 * customer cannot make the service act with this role. Only for services whose documentation shows these keys in the
 * role's trust policy (VPC Flow Logs: "IAM role for publishing flow logs to CloudWatch Logs"; RDS Enhanced Monitoring:
 * "Setting up and enabling Enhanced Monitoring"); a service that does not send them could no longer assume the role.
 */
public final class ServiceTrust {
    private ServiceTrust() {}

    /**
     * The trust policy for {@code service}, with the caller's account and partition asked of AWS (known at preview).
     *
     * @param sourceArn the resources on whose behalf the service acts, with {@code {partition}} and {@code {account}}
     *                  placeholders, such as {@code arn:{partition}:ec2:us-east-1:{account}:vpc-flow-log/*}
     */
    public static Output<String> of(Resource parent, String service, String sourceArn) {
        return AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(), InvokeOptions.builder().parent(parent).build())
                .applyValue(identity -> {
                    var partition = identity.arn().split(":")[1];
                    return document(service, identity.accountId(),
                            sourceArn.replace("{partition}", partition).replace("{account}", identity.accountId()));
                });
    }

    /** The trust policy itself, pure. */
    public static String document(String service, String account, String sourceArn) {
        return PolicyDocument.assumeRoleByService(service, account, sourceArn);
    }
}
