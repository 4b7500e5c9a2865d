package dev.yunrag.embed;

/** Small vector helpers. */
public final class VectorMath {

    private VectorMath() {
    }

    /** A unit-length copy of {@code vector} (the zero vector is returned unchanged). */
    public static float[] normalized(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        if (sum == 0 || Math.abs(sum - 1.0) < 1e-6) {
            return vector;
        }
        float inverse = (float) (1.0 / Math.sqrt(sum));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * inverse;
        }
        return unit;
    }

    public static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
