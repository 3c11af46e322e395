// Where a resource of the plan lives: the AWS account and region of its provider, the Kubernetes cluster of its
// provider. Shared by the pre-apply checks (names, versions, secrets, deployer access).
import { PolicyProviderResource, PolicyResource } from "@pulumi/policy";
import { known, UNKNOWN } from "../support";

/**
 * The provider of a stack resource: the engine hands it as `PolicyResource.provider`; when that copy lacks its
 * properties, the provider resource with the same URN among the stack's resources is read instead.
 */
export function providerOf(resource: PolicyResource, byUrn: Map<string, PolicyResource>):
    PolicyProviderResource | PolicyResource | undefined {
    const provider = resource.provider as PolicyProviderResource | string | undefined;
    const urn = typeof provider === "string" ? provider : provider?.urn;
    if (provider && typeof provider === "object" && provider.props && Object.keys(provider.props).length > 0) {
        return provider;
    }
    return urn ? byUrn.get(urn) : undefined;
}

/** The AWS region of a resource (its provider's `region`); "the stack's region" when the default provider is used. */
export function regionOf(resource: PolicyResource, byUrn: Map<string, PolicyResource>): string {
    const provider = providerOf(resource, byUrn);
    const region = provider ? known(() => provider.props.region) : undefined;
    return typeof region === "string" && region !== "" ? region : "the stack's region";
}

/**
 * The AWS account of a resource: the account of the provider's `assumeRole.roleArn` when it assumes one, else the
 * stack's own account (every provider of this program uses the stack's credentials).
 */
export function accountOf(resource: PolicyResource, byUrn: Map<string, PolicyResource>): string {
    const provider = providerOf(resource, byUrn);
    const role = provider ? known(() => {
        const assume = provider.props.assumeRole ?? provider.props.assumeRoles?.[0];
        return typeof assume === "string" ? JSON.parse(assume)?.roleArn : assume?.roleArn;
    }) : undefined;
    const match = typeof role === "string" ? /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(role) : null;
    return match ? match[1] : "the stack's account";
}

/** The Kubernetes cluster of a resource: its provider's URN (one provider per cluster in this program). */
export function clusterOf(resource: PolicyResource): string {
    const provider = resource.provider as PolicyProviderResource | string | undefined;
    return (typeof provider === "string" ? provider : provider?.urn) ?? "the default cluster";
}

/** A string property, or undefined when it is missing, not a string, or not known yet. */
export function text(read: () => unknown): string | undefined {
    const value = known(read);
    return value !== UNKNOWN && typeof value === "string" && value !== "" ? value : undefined;
}
