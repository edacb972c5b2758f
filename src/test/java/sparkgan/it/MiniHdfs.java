package sparkgan.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS (NameNode and one DataNode) on loopback for submit/it-cluster.sh:
 * {@code MiniHdfs BASE_DIR PORT READY_FILE LOCAL_DIR HDFS_DIR} starts it, copies the files of
 * LOCAL_DIR into HDFS_DIR, writes the file system URI to READY_FILE and runs until killed.
 */
public final class MiniHdfs {
    private MiniHdfs() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Path ready = Path.of(args[2]);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toAbsolutePath().toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).nameNodePort(port).numDataNodes(1).format(true).build();
        cluster.waitActive();
        FileSystem fs = cluster.getFileSystem();
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(args[4]);
        fs.mkdirs(target);
        try (var files = Files.list(Path.of(args[3]))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && f.getFileName().toString().contains("-ubyte")) {
                    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()), new org.apache.hadoop.fs.Path(target, f.getFileName().toString()));
                }
            }
        }
        String uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, uri + "\n");
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("MiniHdfs ready at " + uri);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown));
        Thread.currentThread().join();
    }
}
