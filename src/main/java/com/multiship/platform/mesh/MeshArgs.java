package com.multiship.platform.mesh;

import com.multiship.platform.config.MeshSettings;

/**
 * What the {@link Mesh} needs.
 *
 * @param settings          {@code platform:mesh}
 * @param production        production runs the control plane with two replicas and a disruption budget
 * @param kubernetesVersion the cluster's minor version ({@code 1.31}): the Pod Security Standard labels pin their
 *                          policy version to it, so a cluster upgrade never silently tightens or loosens them
 */
public record MeshArgs(MeshSettings settings, boolean production, String kubernetesVersion) {}
