package sparkgan.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sparkgan.BadInputException;
import sparkgan.io.HadoopFiles;

/**
 * The class of each image file of a folder, as a user keeps it: a CSV with a header line beside the
 * images (data.labels), one row per file, a column naming the file by its path under the folder and a
 * column holding its class. Classes are integers 0..K-1, or names (a category such as "Smileys &amp;
 * Emotion"), numbered 0..K-1 in sorted order. Read on the driver through Spark's CSV reader (quoting,
 * commas inside names); the map goes to the executors with the decoding closure, a few bytes per file.
 */
final class FileLabels implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Label of each file by its path under the folder, '/'-separated. */
    private final Map<String, Integer> byPath;
    /** The class names in label order, or null when the CSV holds the numbers themselves. */
    private final List<String> names;
    private final String description;

    private FileLabels(Map<String, Integer> byPath, List<String> names, String description) {
        this.byPath = byPath;
        this.names = names;
        this.description = description;
    }

    /**
     * Reads {@code uri}'s columns {@code fileCol} and {@code labelCol}; {@code classes} is cgan.classes, the
     * number of classes the labels must fit (names: exactly that many).
     */
    static FileLabels read(SparkSession spark, String uri, String fileCol, String labelCol, int classes) {
        String what = "data.labels " + uri;
        if (!HadoopFiles.exists(uri)) {
            throw new BadInputException(what + ": no such file; expected a CSV with a header line naming columns '" + fileCol
                    + "' and '" + labelCol + "'");
        }
        Dataset<Row> csv = spark.read().option("header", "true").option("mode", "FAILFAST").csv(uri);
        List<String> columns = Arrays.asList(csv.columns());
        for (String column : new String[] {fileCol, labelCol}) {
            if (!columns.contains(column)) {
                throw new BadInputException(what + ": no column '" + column + "' (" + (column.equals(fileCol) ? "data.labelsFileCol"
                        : "data.labelCol, as --label-col") + "); its header names " + String.join(", ", columns));
            }
        }
        spark.sparkContext().setJobDescription("read the image labels in " + uri);
        List<Row> rows = csv.select(fileCol, labelCol).collectAsList();
        List<String> files = new ArrayList<>(rows.size());
        List<String> values = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String line = what + ", row " + (i + 1) + " (after the header)";
            if (r.isNullAt(0) || r.getString(0).isBlank()) {
                throw new BadInputException(line + ": column '" + fileCol + "' is empty; expected a file's path under the folder");
            }
            if (r.isNullAt(1) || r.getString(1).isBlank()) {
                throw new BadInputException(line + ": column '" + labelCol + "' is empty for " + r.getString(0) + "; expected its class");
            }
            files.add(normalised(r.getString(0).trim()));
            values.add(r.getString(1).trim());
        }
        if (rows.isEmpty()) {
            throw new BadInputException(what + ": no rows after the header; expected one row per image file");
        }
        boolean numbers = values.stream().allMatch(v -> v.matches("\\d{1,9}"));
        List<String> names = numbers ? null : new ArrayList<>(new TreeSet<>(values));
        if (names != null && names.size() != classes) {
            throw new BadInputException(what + ": column '" + labelCol + "' holds " + names.size() + " class names; expected cgan.classes = "
                    + classes + " of them (set cgan.classes = " + names.size() + ")");
        }
        Map<String, Integer> byPath = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            int label = numbers ? Integer.parseInt(values.get(i)) : names.indexOf(values.get(i));
            if (label >= classes) {
                throw new BadInputException(what + ", row " + (i + 1) + " (after the header): class " + label + " for " + files.get(i)
                        + "; expected a class from 0 to " + (classes - 1) + " (cgan.classes = " + classes + ")");
            }
            Integer before = byPath.put(files.get(i), label);
            if (before != null) {
                throw new BadInputException(what + ", row " + (i + 1) + " (after the header): " + files.get(i)
                        + " is named a second time; expected one row per file");
            }
        }
        return new FileLabels(byPath, names, what);
    }

    private static String normalised(String file) {
        String f = file.replace('\\', '/');
        while (f.startsWith("./")) {
            f = f.substring(2);
        }
        return f;
    }

    /** The path of {@code file} (as Spark's binaryFile source gives it) under the folder {@code root} (a qualified path). */
    static String under(String root, String file) {
        String r = new Path(root).toUri().getPath();
        String f = new Path(file).toUri().getPath();
        String prefix = r.endsWith("/") ? r : r + "/";
        return f.startsWith(prefix) ? f.substring(prefix.length()) : new Path(file).getName();
    }

    /** The label of the file at {@code relativePath}, or -1 when the CSV has no row for it. */
    int labelOf(String relativePath) {
        Integer label = byPath.get(relativePath);
        return label == null ? -1 : label;
    }

    int rows() {
        return byPath.size();
    }

    /** "0 = Activities, 1 = Animals &amp; Nature, ..." when the CSV names its classes, else null. */
    String classNames() {
        if (names == null) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(i).append(" = ").append(names.get(i));
        }
        return s.toString();
    }

    String description() {
        return description;
    }
}
