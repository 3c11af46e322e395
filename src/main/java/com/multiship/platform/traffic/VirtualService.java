package com.multiship.platform.traffic;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/** An Istio VirtualService ({@code networking.istio.io/v1}): how requests for a host are routed. */
@ResourceType(type = VirtualService.TYPE)
public final class VirtualService extends CustomResource {
    public static final String TYPE = "kubernetes:networking.istio.io/v1:VirtualService";

    public VirtualService(String name, ObjectMetaArgs metadata, Map<String, Object> spec, CustomResourceOptions options) {
        super(TYPE, name, new IstioResourceArgs("VirtualService", metadata, spec), options);
    }
}
