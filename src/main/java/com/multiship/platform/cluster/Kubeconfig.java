package com.multiship.platform.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Renders a kubeconfig for an EKS cluster that authenticates through {@code aws eks get-token}. */
final class Kubeconfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Kubeconfig() {}

    /** A kubeconfig as JSON (which every Kubernetes client reads as YAML), holding no credential itself. */
    static String render(String clusterName, String endpoint, String certificateAuthorityData, String region) {
        var f = JsonNodeFactory.instance;
        var config = f.objectNode();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("current-context", clusterName);
        var cluster = config.putArray("clusters").addObject();
        cluster.put("name", clusterName);
        cluster.putObject("cluster").put("server", endpoint).put("certificate-authority-data", certificateAuthorityData);
        var context = config.putArray("contexts").addObject();
        context.put("name", clusterName);
        context.putObject("context").put("cluster", clusterName).put("user", clusterName);
        var user = config.putArray("users").addObject();
        user.put("name", clusterName);
        var exec = user.putObject("user").putObject("exec");
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.put("command", "aws");
        exec.putArray("args").add("eks").add("get-token").add("--cluster-name").add(clusterName).add("--region").add(region)
                .add("--output").add("json");
        exec.put("interactiveMode", "Never");
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
