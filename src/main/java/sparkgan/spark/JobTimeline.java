package sparkgan.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Splits each Spark job into where its time went, from the scheduler's own task timestamps: until the
 * last task started running (scheduling, launch, task deserialization), the slowest task's run, its
 * result's way back (serialization, transfer, deserialization), and the merge on the driver until
 * the job ended. Events arrive asynchronously on the listener bus; read them after the jobs.
 */
public final class JobTimeline extends SparkListener {
    /** One job's split, in milliseconds of wall time. */
    public record Split(long startMillis, double scheduling, double run, double result, double merge) {
    }

    private final Map<Integer, Long> starts = new HashMap<>();
    private final Map<Integer, List<long[]>> tasks = new HashMap<>();
    private final Map<Integer, Integer> stageToJob = new HashMap<>();
    private final List<Split> splits = new ArrayList<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
        starts.put(e.jobId(), e.time());
        tasks.put(e.jobId(), new ArrayList<>());
        scala.collection.Iterator<Object> it = e.stageIds().iterator();
        while (it.hasNext()) {
            stageToJob.put((Integer) it.next(), e.jobId());
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        Integer job = stageToJob.get(e.stageId());
        if (job == null || e.taskMetrics() == null) {
            return;
        }
        TaskInfo i = e.taskInfo();
        long ranFrom = i.launchTime() + e.taskMetrics().executorDeserializeTime();
        long ranTo = ranFrom + e.taskMetrics().executorRunTime();
        tasks.get(job).add(new long[] {ranFrom, ranTo, i.finishTime()});
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
        Long start = starts.remove(e.jobId());
        List<long[]> ts = tasks.remove(e.jobId());
        if (start == null || ts == null || ts.isEmpty()) {
            return;
        }
        long lastRunStart = 0;
        long lastFinish = 0;
        long[] slowest = ts.get(0);
        for (long[] t : ts) {
            lastRunStart = Math.max(lastRunStart, t[0]);
            if (t[2] > lastFinish) {
                lastFinish = t[2];
                slowest = t;
            }
        }
        splits.add(new Split(start, lastRunStart - start, slowest[1] - slowest[0], slowest[2] - slowest[1], e.time() - lastFinish));
    }

    /** Mean split of the jobs that started at or after {@code fromMillis}: scheduling, run, result, merge. */
    public synchronized double[] meanSince(long fromMillis) {
        double[] sum = new double[4];
        int n = 0;
        for (Split s : splits) {
            if (s.startMillis() >= fromMillis) {
                sum[0] += s.scheduling();
                sum[1] += s.run();
                sum[2] += s.result();
                sum[3] += s.merge();
                n++;
            }
        }
        for (int i = 0; i < 4; i++) {
            sum[i] = n == 0 ? 0 : sum[i] / n;
        }
        return sum;
    }
}
