package com.multiship.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One service the platform runs, from the catalogue {@code platform:services.<name>}.
 *
 * @param name              the service's name, also its Kubernetes service account and ECR repository name
 * @param namespace         the namespace it runs in: one of {@link #NAMESPACES} (required)
 * @param databaseAccess    whether it gets its own database role and a {@code DATABASE_URL}; default false
 * @param thirdPartySecrets third-party keys it needs, by kind ({@link #THIRD_PARTY_KINDS}); operators fill their
 *                          values into the secrets the platform creates; default none
 */
public record ServiceSettings(String name, String namespace, boolean databaseAccess, List<String> thirdPartySecrets) {

    /** The namespaces of the requirements; each service runs in one of them. */
    public static final List<String> NAMESPACES = List.of("catalog-service", "order-service", "infrastructure", "shared-services");

    /** The third-party keys a service may need. */
    public static final Set<String> THIRD_PARTY_KINDS = Set.of("payment-gateway", "email-service", "sms-gateway", "maps-api");

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,38}[a-z0-9]$");
    private static final Pattern ANY = Pattern.compile(".*");

    static List<ServiceSettings> parseAll(SettingsNode node) {
        var services = new ArrayList<ServiceSettings>();
        node.objects("services", NAME, "service names (lower case letters, digits and -, 3 to 40 characters)")
                .forEach((name, service) -> services.add(parse(name, service)));
        if (services.isEmpty()) {
            node.invalid("services", "nothing", "at least one service");
        }
        return List.copyOf(services);
    }

    private static ServiceSettings parse(String name, SettingsNode node) {
        var namespaceAllowed = "one of " + String.join(", ", NAMESPACES);
        var namespace = node.string("namespace", ANY, namespaceAllowed);
        if (!namespace.isEmpty() && !NAMESPACES.contains(namespace)) {
            node.invalid("namespace", namespace, namespaceAllowed);
        }
        boolean database = node.bool("databaseAccess", false);
        var kinds = "one of " + String.join(", ", THIRD_PARTY_KINDS.stream().sorted().toList());
        var thirdParty = node.stringList("thirdPartySecrets", ANY, kinds);
        for (int i = 0; i < thirdParty.size(); i++) {
            if (!THIRD_PARTY_KINDS.contains(thirdParty.get(i))) {
                node.invalid("thirdPartySecrets[" + i + "]", thirdParty.get(i), kinds);
            }
        }
        node.finish();
        return new ServiceSettings(name, namespace, database, thirdParty);
    }
}
