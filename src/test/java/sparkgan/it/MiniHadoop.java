package sparkgan.it;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real HDFS (NameNode and one DataNode) on loopback for submit/it-cluster.sh, and with two more
 * arguments a real YARN beside it (a ResourceManager and NODE_MANAGERS NodeManagers that launch
 * containers as processes of their own):
 * <pre>MiniHadoop BASE_DIR PORT READY_FILE LOCAL_DIR HDFS_DIR [CONF_DIR NODE_MANAGERS]</pre>
 * starts them, copies the files of LOCAL_DIR into HDFS_DIR, writes core-site.xml and yarn-site.xml
 * into CONF_DIR (what spark-submit reads through HADOOP_CONF_DIR), then the file system URI to
 * READY_FILE, and runs until killed. YARN's working directories (containers' logs and local
 * directories included) go under ./target/test/data/{@value #NAME} of the directory it starts in.
 */
public final class MiniHadoop {
    /** The name MiniYARNCluster gives its directories. */
    public static final String NAME = "mini-yarn";

    private MiniHadoop() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path ready = Path.of(args[2]);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).nameNodePort(port).numDataNodes(1).format(true).build();
        hdfs.waitActive();
        Runtime.getRuntime().addShutdownHook(new Thread(hdfs::shutdown));
        FileSystem fs = hdfs.getFileSystem();
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(args[4]);
        fs.mkdirs(target);
        try (var files = Files.list(Path.of(args[3]))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && f.getFileName().toString().contains("-ubyte")) {
                    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()), new org.apache.hadoop.fs.Path(target, f.getFileName().toString()));
                }
            }
        }
        String uri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
        if (args.length > 5) {
            startYarn(uri, Path.of(args[5]), Integer.parseInt(args[6]));
        }
        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, uri + "\n");
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("MiniHadoop ready at " + uri);
        Thread.currentThread().join();
    }

    private static void startYarn(String defaultFs, Path confDir, int nodeManagers) throws Exception {
        YarnConfiguration conf = new YarnConfiguration();
        conf.set("fs.defaultFS", defaultFs);
        conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
        conf.set(YarnConfiguration.NM_BIND_HOST, "127.0.0.1");
        // Room for an application master and two executors of 1 GiB (plus Spark's 384 MiB overhead)
        // on one node, so a killed executor's replacement always fits.
        conf.setInt(YarnConfiguration.NM_PMEM_MB, 6144);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        // The JVMs reserve far more virtual memory than YARN's default ratio allows; a full disk on a
        // developer's machine must not mark the node unhealthy.
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        // hadoop-client-minicluster has no capacity-scheduler.xml: one queue, declared here.
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1.0f);
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        MiniYARNCluster yarn = new MiniYARNCluster(NAME, 1, nodeManagers, 1, 1);
        yarn.init(conf);
        yarn.start();
        Runtime.getRuntime().addShutdownHook(new Thread(yarn::stop));
        // start() can return before the ResourceManager has published its port.
        Configuration live = yarn.getConfig();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (live.get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ResourceManager published no address within 30 s");
            }
            Thread.sleep(100);
        }
        Files.createDirectories(confDir);
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", defaultFs);
        try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
            core.writeXml(out);
        }
        try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
            live.writeXml(out);
        }
        System.out.println("MiniYARNCluster ResourceManager at " + live.get(YarnConfiguration.RM_ADDRESS));
    }
}
