package com.multiship.platform.traffic;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/** An Istio DestinationRule ({@code networking.istio.io/v1}): the subsets of a host and their traffic policy. */
@ResourceType(type = DestinationRule.TYPE)
public final class DestinationRule extends CustomResource {
    public static final String TYPE = "kubernetes:networking.istio.io/v1:DestinationRule";

    public DestinationRule(String name, ObjectMetaArgs metadata, Map<String, Object> spec, CustomResourceOptions options) {
        super(TYPE, name, new IstioResourceArgs("DestinationRule", metadata, spec), options);
    }
}
