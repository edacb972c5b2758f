package sparkgan.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class whose assertions differ on the real MNIST (its published counts, the classifier's
 * accuracy on 60,000 digits, the weights recorded for it): tagged {@value #TAG}, so that .ci/run runs
 * these once more beside ../shared/data/mnist after the whole suite has run in a bare clone on the
 * embedded sample. {@code mvn test -Dgroups=mnist} runs just these.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealMnist.TAG)
public @interface RealMnist {
    String TAG = "mnist";
}
