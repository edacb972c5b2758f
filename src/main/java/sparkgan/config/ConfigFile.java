package sparkgan.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders conf/gan.properties from {@link GanParams}: the header, then every key with its section
 * heading and documentation as comments and its default. Run {@code main} to rewrite the file after a
 * change to the declarations (ConfigFileTest fails until the committed file matches).
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    public static String render() {
        StringBuilder sb = new StringBuilder();
        for (String line : GanParams.FILE_HEADER) {
            sb.append("# ").append(line).append('\n');
        }
        for (Param<?> p : GanParams.all()) {
            if (p.section() != null) {
                sb.append("\n# ").append(p.section()).append('\n');
            }
            if (!p.doc().isEmpty()) {
                for (String line : p.doc().split("\n", -1)) {
                    sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
                }
            }
            sb.append(p.name()).append(" =").append(p.defaultValue().isEmpty() ? "" : " " + p.defaultValue()).append('\n');
        }
        return sb.toString();
    }

    /** Writes the rendered file to the path given (conf/gan.properties from the project's root). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "conf/gan.properties");
        Files.writeString(out, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }
}
