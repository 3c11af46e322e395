// Regenerates src/aws-taggable-types.json from the pinned Pulumi AWS Java SDK: every resource class whose outputs
// include `tagsAll` is a resource the AWS provider tags, provider default tags included.
//   ./mvnw -q -B -DskipTests package   (builds target/platform-jar-with-dependencies.jar)
//   java -cp target/platform-jar-with-dependencies.jar policies/tools/TaggableAwsTypes.java \
//        target/platform-jar-with-dependencies.jar > policies/src/aws-taggable-types.json
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

public class TaggableAwsTypes {
    public static void main(String[] args) throws Exception {
        List<String> types = new ArrayList<>();
        try (JarFile jar = new JarFile(args[0])) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String entry = e.nextElement().getName();
                if (!entry.startsWith("com/pulumi/aws/") || !entry.endsWith(".class") || entry.contains("$")
                        || entry.contains("/inputs/") || entry.contains("/outputs/")) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(entry.replace('/', '.').replace(".class", ""), false,
                            TaggableAwsTypes.class.getClassLoader());
                } catch (Throwable notLoadable) {
                    continue;
                }
                var token = type.getAnnotation(com.pulumi.core.annotations.ResourceType.class);
                if (token == null) {
                    continue;
                }
                for (Field field : type.getDeclaredFields()) {
                    var export = field.getAnnotation(com.pulumi.core.annotations.Export.class);
                    if (export != null && export.name().equals("tagsAll")) {
                        types.add(token.type());
                    }
                }
            }
        }
        Collections.sort(types);
        System.out.println("[");
        for (int i = 0; i < types.size(); i++) {
            System.out.println("  \"" + types.get(i) + "\"" + (i + 1 < types.size() ? "," : ""));
        }
        System.out.println("]");
    }
}
