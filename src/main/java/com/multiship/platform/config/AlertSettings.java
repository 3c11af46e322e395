package com.multiship.platform.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is told when an alarm of the stack fires ({@code platform:alerts}).
 *
 * @param emails e-mail addresses subscribed to the stack's alert topic. Each receives a confirmation mail from SNS
 *               and gets alerts only after confirming it. Default: none; production needs at least one
 */
public record AlertSettings(List<String> emails) {
    static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");

    static AlertSettings parse(SettingsNode root, Environment environment) {
        var node = root.objectOrDefaults("alerts");
        var emails = node.stringList("emails", EMAIL, "an e-mail address such as oncall@multiship.com");
        if (environment.isProduction() && emails.isEmpty()) {
            node.invalid("emails", emails, "at least one e-mail address in production (alarms must reach someone)");
        }
        node.finish();
        return new AlertSettings(emails);
    }
}
