package com.multiship.platform.secrets;

import com.multiship.platform.config.ServiceSettings;
import com.pulumi.core.Output;

import java.util.List;

/**
 * @param namePrefix          prefix of every secret name, such as {@code multiship/production}
 * @param services            the service catalogue
 * @param oidcProviderArn     the cluster's IAM OIDC provider, for the service roles' trust policies
 * @param oidcIssuerUrl       the cluster's OIDC issuer URL
 * @param databaseAddress     the database host, for the connection URLs
 * @param databasePort        the database port
 * @param databaseName        the database the services use
 * @param databaseArn         the database instance's ARN (its region, account and partition are read from it)
 * @param databaseResourceId  the instance's resource id, the resource of {@code rds-db:connect}
 * @param recoveryWindowDays  days a deleted secret can still be restored (7 to 30)
 * @param protect             production: the key and the secrets (which hold operator-entered values) are protected
 */
public record ServiceSecretsArgs(
        String namePrefix,
        List<ServiceSettings> services,
        Output<String> oidcProviderArn,
        Output<String> oidcIssuerUrl,
        Output<String> databaseAddress,
        Output<Integer> databasePort,
        String databaseName,
        Output<String> databaseArn,
        Output<String> databaseResourceId,
        int recoveryWindowDays,
        boolean protect) {}
