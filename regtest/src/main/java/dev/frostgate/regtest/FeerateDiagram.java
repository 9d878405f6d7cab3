package dev.frostgate.regtest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A feerate diagram as Core's cluster mempool uses it to judge replacements: the chunks of a
 * linearization in order of decreasing feerate, drawn as cumulative fee over cumulative size. A
 * replacement must give a diagram that is nowhere below the old one and somewhere above it (Core's
 * {@code CompareChunks}, a diagram continuing flat after its last chunk).
 *
 * @param points cumulative (size, fee) after each chunk, starting from (0, 0)
 */
record FeerateDiagram(List<long[]> points) {

  /** A chunk (or one transaction): its fee in satoshis and its size in vbytes. */
  record Chunk(long fee, long size) {
    Chunk {
      if (size <= 0) {
        throw new IllegalArgumentException("chunk size must be positive: " + size);
      }
    }

    Chunk plus(Chunk o) {
      return new Chunk(fee + o.fee, size + o.size);
    }

    /** Whether this chunk's feerate is higher than {@code o}'s. */
    boolean higherRateThan(Chunk o) {
      return mul(fee, o.size).compareTo(mul(o.fee, size)) > 0;
    }
  }

  /**
   * How Core chunks a linearization (transactions in a topological order): each transaction joins
   * the chunk before it while it has a higher feerate (so a child pays for its parent). Returns
   * each chunk as the range {@code [from, to)} of positions it covers, in order.
   */
  static List<int[]> chunkRanges(List<Chunk> linearization) {
    List<int[]> ranges = new ArrayList<>();
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < linearization.size(); i++) {
      Chunk merged = linearization.get(i);
      int from = i;
      while (!chunks.isEmpty() && merged.higherRateThan(chunks.get(chunks.size() - 1))) {
        merged = chunks.remove(chunks.size() - 1).plus(merged);
        from = ranges.remove(ranges.size() - 1)[0];
      }
      chunks.add(merged);
      ranges.add(new int[] {from, i + 1});
    }
    return ranges;
  }

  /** The diagram of a linearization (see {@link #chunkRanges}). */
  static FeerateDiagram of(List<Chunk> linearization) {
    List<long[]> points = new ArrayList<>();
    long size = 0;
    long fee = 0;
    points.add(new long[] {0, 0});
    for (int[] r : chunkRanges(linearization)) {
      for (Chunk c : linearization.subList(r[0], r[1])) {
        size += c.size();
        fee += c.fee();
      }
      points.add(new long[] {size, fee});
    }
    return new FeerateDiagram(List.copyOf(points));
  }

  /** Whether {@code replacement} is nowhere below {@code original} and somewhere above it. */
  static boolean improves(FeerateDiagram original, FeerateDiagram replacement) {
    TreeSet<Long> xs = new TreeSet<>();
    original.points.forEach(p -> xs.add(p[0]));
    replacement.points.forEach(p -> xs.add(p[0]));
    boolean better = false;
    for (long x : xs) {
      int cmp = replacement.compareAt(x, original);
      if (cmp < 0) {
        return false;
      }
      better |= cmp > 0;
    }
    return better;
  }

  /** Sign of (this diagram's fee at size x) − (other's fee at x), computed exactly. */
  private int compareAt(long x, FeerateDiagram other) {
    long[] a = segment(x);
    long[] b = other.segment(x);
    // fee(x) = f0 + (x - x0) * (f1 - f0) / (x1 - x0); compare a and b over the common denominator.
    BigInteger da = BigInteger.valueOf(a[2] - a[0]);
    BigInteger db = BigInteger.valueOf(b[2] - b[0]);
    BigInteger na = BigInteger.valueOf(a[1]).multiply(da).add(mul(x - a[0], a[3] - a[1]));
    BigInteger nb = BigInteger.valueOf(b[1]).multiply(db).add(mul(x - b[0], b[3] - b[1]));
    return na.multiply(db).compareTo(nb.multiply(da));
  }

  /** {x0, f0, x1, f1} of the segment holding x; flat (x1 = x0 + 1, f1 = f0) after the end. */
  private long[] segment(long x) {
    for (int i = 1; i < points.size(); i++) {
      long[] p = points.get(i - 1);
      long[] q = points.get(i);
      if (x <= q[0]) {
        return new long[] {p[0], p[1], q[0], q[1]};
      }
    }
    long[] end = points.get(points.size() - 1);
    return new long[] {end[0], end[1], end[0] + 1, end[1]};
  }

  private static BigInteger mul(long a, long b) {
    return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
  }
}
