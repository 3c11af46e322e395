package com.multiship.platform.edge;

import com.pulumi.aws.wafv2.WebAcl;
import com.pulumi.aws.wafv2.WebAclArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionAllowArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionNoneArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementRateBasedStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleVisibilityConfigArgs;
import com.pulumi.aws.wafv2.inputs.WebAclVisibilityConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WAF web ACL for a CloudFront distribution: a per-IP rate limit, then AWS's managed rule groups for common
 * exploits, known bad inputs and IP addresses with a bad reputation; everything else is allowed. Web ACLs of scope
 * CLOUDFRONT exist only in us-east-1: declare this component with a us-east-1 provider.
 */
public final class WebFirewall extends ComponentResource {
    /** The AWS managed rule groups, in evaluation order (after the rate limit). */
    static final List<String> MANAGED_RULE_GROUPS = List.of(
            "AWSManagedRulesAmazonIpReputationList",
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet");

    private final Output<String> webAclArn;

    public WebFirewall(String name, WebFirewallArgs args, ComponentResourceOptions options) {
        super("platform:edge:WebFirewall", name, null, options);
        var rules = new ArrayList<WebAclRuleArgs>();
        // Cheapest first: a flood is dropped before the managed groups are evaluated (and billed) for it.
        rules.add(WebAclRuleArgs.builder()
                .name("rate-limit-per-ip")
                .priority(0)
                .action(WebAclRuleActionArgs.builder().block(WebAclRuleActionBlockArgs.builder().build()).build())
                .statement(WebAclRuleStatementArgs.builder()
                        .rateBasedStatement(WebAclRuleStatementRateBasedStatementArgs.builder()
                                .limit(args.rateLimitPer5Minutes())
                                .evaluationWindowSec(300)
                                .aggregateKeyType("IP")
                                .build())
                        .build())
                .visibilityConfig(ruleVisibility(args.aclName() + "-rate-limit-per-ip"))
                .build());
        for (int i = 0; i < MANAGED_RULE_GROUPS.size(); i++) {
            var group = MANAGED_RULE_GROUPS.get(i);
            rules.add(WebAclRuleArgs.builder()
                    .name(group)
                    .priority(10 * (i + 1))
                    // "none": the group's own actions (block) apply; "count" would only observe.
                    .overrideAction(WebAclRuleOverrideActionArgs.builder()
                            .none(WebAclRuleOverrideActionNoneArgs.builder().build())
                            .build())
                    .statement(WebAclRuleStatementArgs.builder()
                            .managedRuleGroupStatement(WebAclRuleStatementManagedRuleGroupStatementArgs.builder()
                                    .vendorName("AWS")
                                    .name(group)
                                    .build())
                            .build())
                    .visibilityConfig(ruleVisibility(args.aclName() + "-" + group))
                    .build());
        }

        var webAcl = new WebAcl(name + "-web-acl", WebAclArgs.builder()
                .name(args.aclName())
                .description("Managed rule groups and a per-IP rate limit in front of the static assets")
                .scope("CLOUDFRONT")
                .defaultAction(WebAclDefaultActionArgs.builder().allow(WebAclDefaultActionAllowArgs.builder().build()).build())
                .rules(rules)
                .visibilityConfig(WebAclVisibilityConfigArgs.builder()
                        .cloudwatchMetricsEnabled(true)
                        .metricName(args.aclName())
                        .sampledRequestsEnabled(true)
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).build());

        this.webAclArn = webAcl.arn();
        registerOutputs(Map.of("webAclArn", webAclArn));
    }

    /** The web ACL's ARN: what a distribution's {@code webAclId} takes for a WAFv2 web ACL. */
    public Output<String> webAclArn() {
        return webAclArn;
    }

    private static WebAclRuleVisibilityConfigArgs ruleVisibility(String metricName) {
        return WebAclRuleVisibilityConfigArgs.builder()
                .cloudwatchMetricsEnabled(true)
                .metricName(metricName)
                .sampledRequestsEnabled(true)
                .build();
    }
}
