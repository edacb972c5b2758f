package sparkgan.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * Every output path goes through the Hadoop FileSystem API (file:, hdfs:, s3a: ...). Files are
 * written under a temporary name in the same directory, synced, and renamed over the target in one
 * step, so a reader never sees half a file and a crash at any point leaves the old file or the new
 * one, never neither:
 * <ul>
 *   <li>local files: {@code FileChannel.force}, then {@code Files.move(ATOMIC_MOVE)} (POSIX rename(2),
 *       which replaces the target atomically), then the directory is synced;</li>
 *   <li>other file systems: {@code hsync}, then {@code FileContext.rename(OVERWRITE)} (an atomic
 *       rename on HDFS); a file system without a FileContext binding (object stores, whose objects
 *       appear whole when their upload completes) is written in place.</li>
 * </ul>
 * Temporaries are named {@code .NAME.UUID.tmp}; {@link #removeTemporaries} deletes those a crash
 * left behind.
 */
public final class HadoopFiles {
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f-]{36}\\.tmp");

    private HadoopFiles() {
    }

    /** Writes some bytes. */
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static FileSystem fs(Path path) {
        try {
            FileSystem fs = path.getFileSystem(new Configuration());
            // No .crc side files next to our outputs on the local file system.
            fs.setWriteChecksum(false);
            fs.setVerifyChecksum(false);
            return fs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + path, e);
        }
    }

    /** The local path of a file: URI (or a path without a scheme), else null. */
    static java.nio.file.Path localPath(Path path) {
        FileSystem fs = fs(path);
        if (!(fs instanceof LocalFileSystem)) {
            return null;
        }
        return Paths.get(fs.makeQualified(path).toUri());
    }

    public static void writeAtomically(String uri, Writer writer) {
        Path target = new Path(uri);
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            java.nio.file.Path local = localPath(target);
            if (local != null) {
                replaceLocal(local, local.resolveSibling(tmp.getName()), writer);
            } else {
                replaceRemote(target, tmp, writer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + uri + ": " + e.getMessage(), e);
        }
    }

    private static void replaceLocal(java.nio.file.Path target, java.nio.file.Path tmp, Writer writer) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(target.getParent());
    }

    /** The rename itself is durable only once the directory is synced (Linux allows it on a read channel). */
    private static void syncDirectory(java.nio.file.Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is still atomic, only its durability
            // then waits for the operating system's own flush.
        }
    }

    private static void replaceRemote(Path target, Path tmp, Writer writer) throws IOException {
        FileSystem fs = fs(target);
        FileContext fc;
        try {
            fc = FileContext.getFileContext(fs.getUri(), fs.getConf());
        } catch (UnsupportedFileSystemException e) {
            try (FSDataOutputStream out = fs.create(target, true)) {
                writer.write(out);
            }
            return;
        }
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                writer.write(out);
                out.hsync();
            }
            fc.rename(tmp, target, Options.Rename.OVERWRITE);
        } catch (IOException e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException ignored) {
                // the temporary name is never read as output, and removeTemporaries finds it
            }
            throw e;
        }
    }

    /**
     * Creates a file only if no file of that name exists, in one atomic step (O_EXCL locally, HDFS's
     * create without overwrite); returns false when it existed.
     */
    public static boolean createExclusively(String uri, byte[] content) {
        Path path = new Path(uri);
        try {
            java.nio.file.Path local = localPath(path);
            if (local != null) {
                Files.createDirectories(local.getParent());
                try (FileChannel ch = FileChannel.open(local, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(content));
                    ch.force(true);
                }
                return true;
            }
            try (FSDataOutputStream out = fs(path).create(path, false)) {
                out.write(content);
                out.hsync();
            }
            return true;
        } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (exists(uri)) {
                return false;
            }
            throw new UncheckedIOException("cannot create " + uri + ": " + e.getMessage(), e);
        }
    }

    public static void delete(String uri) {
        Path path = new Path(uri);
        try {
            fs(path).delete(path, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + uri, e);
        }
    }

    /** Deletes the temporaries ({@code .NAME.UUID.tmp}) that an interrupted write left in a directory. */
    public static int removeTemporaries(String dir) {
        Path path = new Path(dir);
        FileSystem fs = fs(path);
        int removed = 0;
        try {
            if (!fs.exists(path)) {
                return 0;
            }
            for (FileStatus s : fs.listStatus(path)) {
                if (s.isFile() && TEMPORARY.matcher(s.getPath().getName()).matches() && fs.delete(s.getPath(), false)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return removed;
    }

    public static void writeAtomically(String uri, byte[] content) {
        writeAtomically(uri, out -> out.write(content));
    }

    public static byte[] readAll(String uri) throws IOException {
        Path path = new Path(uri);
        try (InputStream in = fs(path).open(path)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
        }
    }

    public static boolean exists(String uri) {
        Path path = new Path(uri);
        try {
            return fs(path).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + uri, e);
        }
    }

    public static boolean isNonEmptyDirectory(String uri) {
        Path path = new Path(uri);
        try {
            FileSystem fs = fs(path);
            return fs.exists(path) && (fs.getFileStatus(path).isFile() || fs.listStatus(path).length > 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + uri, e);
        }
    }

    public static void mkdirs(String uri) {
        Path path = new Path(uri);
        try {
            fs(path).mkdirs(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + uri, e);
        }
    }

    public static boolean isDirectory(String uri) {
        Path path = new Path(uri);
        try {
            FileSystem fs = fs(path);
            return fs.exists(path) && fs.getFileStatus(path).isDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + uri, e);
        }
    }

    /** {@code dir + "/" + name}, keeping the URI scheme. */
    public static String child(String dir, String name) {
        return new Path(dir, name).toString();
    }
}
