package sparkgan.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.math.FixedPointSum;
import sparkgan.math.PartialSum;
import sparkgan.math.WeightsSnapshot;

/**
 * When a cluster runs with {@code spark.serializer=KryoSerializer}, the objects that carry weights and
 * gradients keep their own bulk serialization (Kryo's field serializer would skip their transient
 * float arrays). {@link SparkContexts} installs this registrator whenever Kryo is configured.
 */
public final class GanKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(PartialSum.class, new JavaSerializer());
        kryo.register(WeightsSnapshot.class, new JavaSerializer());
        kryo.register(SumBuffer.class, new JavaSerializer());
        kryo.register(FixedPointSum.class, new JavaSerializer());
        kryo.register(ImageBlock.class, new JavaSerializer());
        // A record: Kryo's field serializer cannot set a record's final fields on Java 17.
        kryo.register(ImageShape.class, new JavaSerializer());
    }
}
