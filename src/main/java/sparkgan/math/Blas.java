package sparkgan.math;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major float matrix products on top of the column-major netlib BLAS interface.
 *
 * <p>{@code BLAS.getInstance()} picks native OpenBLAS when the system has it and a pure-Java
 * implementation otherwise; both give the same API. A row-major matrix is the column-major
 * transpose, so C = op(A) op(B) is computed as C^T = op(B)^T op(A)^T with the operands swapped.
 */
public final class Blas {
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private Blas() {
    }

    /** The implementation in use, e.g. {@code JNIBLAS} (native) or {@code VectorBLAS} (pure Java). */
    public static String implementation() {
        return BLAS_INSTANCE.getClass().getSimpleName();
    }

    /**
     * The implementation and, for the native one, the OpenBLAS kernels asked for (OPENBLAS_CORETYPE, set
     * by the user or by the launch scripts from the CPU's extensions), for a run's facts.
     */
    public static String describe() {
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        return implementation() + (implementation().equals("JNIBLAS") && coreType != null && !coreType.isBlank()
                ? " (OPENBLAS_CORETYPE=" + coreType + ")" : "");
    }

    /**
     * C[m x n] = alpha * op(A)[m x k] * op(B)[k x n] + beta * C, all row-major, at the given offsets.
     * When transA is set, A is stored as k x m; when transB is set, B is stored as n x k.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, n);
    }
}
