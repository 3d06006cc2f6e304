package org.segmentdsl.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates the benchmark audience: a {@link Dataset} of any size from a fixed seed, the same
 * arrays on every run and every machine.
 *
 * <p>The shape, per contact:
 *
 * <ul>
 *   <li>tags: each of the 200 tags independently, with Zipf-Mandelbrot shares from 40% (rank 0)
 *       down to 0.01% (rank 199), 5.5 tags on average ({@link #TAG_SHARES});
 *   <li>lists: {@code newsletter} 70% of contacts, {@code product-updates} 40%, {@code webinars}
 *       25%; on a list, subscribed 72%, unsubscribed 16%, bounced 5%, unconfirmed 7%;
 *   <li>fields: {@code country} US 60% (3% unset); {@code company_size} log-uniform 1..100,000
 *       (10% unset); {@code signup_date} uniform over the 5 years before today; {@code
 *       lifetime_value} 0 for 80%, else log-uniform 10..50,000; {@code renewal_date} for customers
 *       only, from 30 days ago to a year ahead; {@code location} near one of eight cities;
 *   <li>an account (one per 20 contacts; 20% of contacts have none): {@code industry} SaaS 20%,
 *       {@code employees} log-uniform;
 *   <li>0 to 3 deals (55%, 25%, 12%, 8%): {@code stage}, {@code pipeline}, {@code value} (whole
 *       hundreds of dollars, log-uniform 100..100,000, 5% zero), {@code owner};
 *   <li>events: exponentially many per contact with mean 20, over the year before {@link
 *       Dataset#NOW}, skewed to recent days (an event's age is {@code year * u^1.5}); a quarter of
 *       contacts are dormant, their activity ending 30 to 300 days ago. Types: email_open 45%
 *       (no property), email_click 15% ({@code campaign}), page_visit 30% ({@code url}),
 *       checkout_started 4%, webinar_attended 4% ({@code topic}), purchase 2% ({@code amount}),
 *       plus a purchase shortly after half of the checkouts.
 * </ul>
 *
 * <p>Edges on purpose: 1% of events lie exactly on a window edge of the workloads (now, and now
 * minus 1, 14, 90 and 365 days), 0.2% lie up to an hour after now, and 0.2% of signup dates are
 * tomorrow. Each engine must place these exactly as segment-format.md says ({@code now - D < t <=
 * now}, {@code today - N < v <= today}), so an off-by-one in any of them changes a count and the
 * cross-check fails.
 */
public final class DataGenerator {
  /** The seed of every benchmark data set. */
  public static final long SEED = 20261101L;

  /** The share of contacts carrying each tag, by rank. */
  static final double[] TAG_SHARES = zipfMandelbrot(Dataset.TAGS.length, 0.40, 0.0001, 5.5);

  private static final double[] LIST_SHARE = {0.70, 0.40, 0.25};
  private static final double[] STATUS_CUMULATIVE = {0.72, 0.88, 0.93, 1.0};
  private static final double[] EVENT_TYPE_CUMULATIVE = {0.45, 0.60, 0.90, 0.94, 0.96, 1.0};
  private static final byte[] EVENT_TYPE_ORDER = {Dataset.EMAIL_OPEN, Dataset.EMAIL_CLICK,
      Dataset.PAGE_VISIT, Dataset.CHECKOUT_STARTED, Dataset.PURCHASE, Dataset.WEBINAR_ATTENDED};
  private static final double[] STAGE_CUMULATIVE = {0.25, 0.45, 0.60, 0.70, 0.88, 1.0};
  private static final double[] PIPELINE_CUMULATIVE = {0.6, 0.9, 1.0};
  private static final double[] DEALS_CUMULATIVE = {0.55, 0.80, 0.92, 1.0};
  private static final long YEAR_SECONDS = 365 * Dataset.DAY_SECONDS;
  /** Ages (seconds before now) on the workloads' window edges. */
  private static final long[] EDGE_AGES = {0, Dataset.DAY_SECONDS, 14 * Dataset.DAY_SECONDS,
      90 * Dataset.DAY_SECONDS, YEAR_SECONDS};
  private static final float[][] CITIES = {{40.71f, -74.0f}, {34.05f, -118.24f},
      {41.88f, -87.63f}, {51.51f, -0.13f}, {52.52f, 13.40f}, {48.86f, 2.35f}, {-23.55f, -46.63f},
      {35.68f, 139.69f}};
  private static final int CUSTOMER_TAG = Arrays.asList(Dataset.TAGS).indexOf("status-customer");

  private DataGenerator() {}

  /** The benchmark data set of that many contacts (fixed seed). */
  public static Dataset generate(int contacts) {
    return generate(contacts, SEED);
  }

  /** A data set of that many contacts from that seed. */
  public static Dataset generate(int contacts, long seed) {
    if (contacts < 1) {
      throw new IllegalArgumentException("contacts must be at least 1, got " + contacts);
    }
    // Separate streams for the parts, so that changing one part's rules leaves the others as
    // they were.
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom r = root.split(); // contacts
    SplittableRandom accountRandom = root.split();
    SplittableRandom eventRandom = root.split();

    int accounts = Math.max(1, contacts / 20);
    byte[] accountIndustry = new byte[accounts];
    int[] accountEmployees = new int[accounts];
    for (int a = 0; a < accounts; a++) {
      accountIndustry[a] = accountRandom.nextDouble() < 0.20 ? 0
          : (byte) (1 + accountRandom.nextInt(Dataset.INDUSTRIES.length - 1));
      accountEmployees[a] = logUniform(accountRandom, 1, 200_000);
    }

    int[] tagOffsets = new int[contacts + 1];
    ByteColumn tagIds = new ByteColumn(contacts * 6);
    byte[][] listStatus = new byte[Dataset.LISTS.length][contacts];
    byte[] country = new byte[contacts];
    int[] companySize = new int[contacts];
    int[] signupDay = new int[contacts];
    int[] lifetimeValue = new int[contacts];
    int[] renewalDay = new int[contacts];
    float[] lat = new float[contacts];
    float[] lon = new float[contacts];
    int[] account = new int[contacts];
    int[] dealOffsets = new int[contacts + 1];
    ByteColumn dealStage = new ByteColumn(contacts);
    ByteColumn dealPipeline = new ByteColumn(contacts);
    ByteColumn dealOwner = new ByteColumn(contacts);
    int[] dealValue = new int[contacts];
    int deals = 0;
    int[] eventOffsets = new int[contacts + 1];
    long events = 0;

    for (int c = 0; c < contacts; c++) {
      boolean customer = false;
      for (int t = 0; t < TAG_SHARES.length; t++) {
        if (r.nextDouble() < TAG_SHARES[t]) {
          tagIds.add((byte) t);
          customer |= t == CUSTOMER_TAG;
        }
      }
      tagOffsets[c + 1] = tagIds.size();
      for (int l = 0; l < listStatus.length; l++) {
        if (r.nextDouble() < LIST_SHARE[l]) {
          listStatus[l][c] = (byte) (1 + pick(r, STATUS_CUMULATIVE));
        }
      }
      double u = r.nextDouble();
      country[c] = u < 0.03 ? -1 : u < 0.63 ? 0
          : (byte) (1 + r.nextInt(Dataset.COUNTRIES.length - 1));
      companySize[c] = r.nextDouble() < 0.10 ? Dataset.UNSET : logUniform(r, 1, 100_000);
      signupDay[c] = r.nextDouble() < 0.002 ? Dataset.TODAY + 1
          : Dataset.TODAY - r.nextInt(5 * 365 + 1);
      lifetimeValue[c] = r.nextDouble() < 0.80 ? 0 : logUniform(r, 10, 50_000);
      renewalDay[c] = customer ? Dataset.TODAY - 30 + r.nextInt(396) : Dataset.UNSET;
      float[] city = CITIES[r.nextInt(CITIES.length)];
      lat[c] = city[0] + (float) r.nextDouble(-1.5, 1.5);
      lon[c] = city[1] + (float) r.nextDouble(-1.5, 1.5);
      account[c] = r.nextDouble() < 0.20 ? -1 : r.nextInt(accounts);

      int dealCount = pick(r, DEALS_CUMULATIVE);
      for (int d = 0; d < dealCount; d++) {
        dealStage.add((byte) pick(r, STAGE_CUMULATIVE));
        dealPipeline.add((byte) pick(r, PIPELINE_CUMULATIVE));
        dealOwner.add((byte) r.nextInt(Dataset.OWNERS.length));
        if (deals == dealValue.length) {
          dealValue = Arrays.copyOf(dealValue, dealValue.length * 3 / 2 + 16);
        }
        dealValue[deals++] = r.nextDouble() < 0.05 ? 0
            : (int) Math.round(logUniform(r, 100, 100_000) / 100.0) * 100;
      }
      dealOffsets[c + 1] = deals;

      events += Math.min(400, (long) (-20.5 * Math.log(1 - r.nextDouble())));
      if (events > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("too many events for int offsets: " + contacts
            + " contacts");
      }
      eventOffsets[c + 1] = (int) events;
    }

    int n = (int) events;
    byte[] eventType = new byte[n];
    int[] eventSecond = new int[n];
    short[] eventProp = new short[n];
    for (int c = 0; c < contacts; c++) {
      generateEvents(eventRandom, eventOffsets[c], eventOffsets[c + 1], eventType, eventSecond,
          eventProp);
    }

    return new Dataset(contacts, tagOffsets, tagIds.toArray(), listStatus, country, companySize,
        signupDay, lifetimeValue, renewalDay, lat, lon, account, accountIndustry,
        accountEmployees, dealOffsets, dealStage.toArray(), dealPipeline.toArray(),
        Arrays.copyOf(dealValue, deals), dealOwner.toArray(), eventOffsets, eventType,
        eventSecond, eventProp);
  }

  /** One contact's events {@code [from, to)}. */
  private static void generateEvents(SplittableRandom r, int from, int to, byte[] type,
      int[] second, short[] prop) {
    long quietFor = r.nextDouble() < 0.25
        ? (30 + r.nextInt(271)) * Dataset.DAY_SECONDS // dormant: nothing in the last 30-300 days
        : 0;
    for (int e = from; e < to; e++) {
      byte t = EVENT_TYPE_ORDER[pick(r, EVENT_TYPE_CUMULATIVE)];
      long at;
      double edge = r.nextDouble();
      if (edge < 0.01) {
        at = Dataset.NOW_SECOND - EDGE_AGES[r.nextInt(EDGE_AGES.length)];
      } else if (edge < 0.012) {
        at = Dataset.NOW_SECOND + 1 + r.nextInt(3600);
      } else {
        long age = quietFor + (long) ((YEAR_SECONDS - quietFor) * Math.pow(r.nextDouble(), 1.5));
        at = Dataset.NOW_SECOND - age;
      }
      type[e] = t;
      second[e] = Math.toIntExact(at);
      prop[e] = property(r, t);
      if (t == Dataset.CHECKOUT_STARTED && e + 1 < to && r.nextBoolean()) {
        e++;
        type[e] = Dataset.PURCHASE;
        second[e] = Math.toIntExact(at + 60 + r.nextInt(3540));
        prop[e] = property(r, Dataset.PURCHASE);
      }
    }
  }

  private static short property(SplittableRandom r, byte type) {
    return switch (type) {
      case Dataset.EMAIL_CLICK -> (short) r.nextInt(Dataset.CAMPAIGNS.length);
      case Dataset.PAGE_VISIT -> (short) (Dataset.URLS.length * r.nextDouble() * r.nextDouble());
      case Dataset.PURCHASE -> (short) (5 * logUniform(r, 1, 400));
      case Dataset.WEBINAR_ATTENDED -> (short) r.nextInt(Dataset.TOPICS.length);
      default -> -1;
    };
  }

  /** The index of the first cumulative share above a uniform draw. */
  private static int pick(SplittableRandom r, double[] cumulative) {
    double u = r.nextDouble();
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  /** An integer in {@code [lo, hi]} whose logarithm is uniform. */
  private static int logUniform(SplittableRandom r, int lo, int hi) {
    double v = Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi + 1.0) - Math.log(lo)));
    return Math.max(lo, Math.min(hi, (int) v));
  }

  /**
   * Shares {@code p(k) = C / (k + q)^s}, k = 1..n, with {@code p(1) = first}, {@code p(n) = last}
   * and the shares summing to {@code mean} (the mean number of tags a contact carries): q is found
   * by bisection, s and C follow from the two ends. A plain Zipf law (q = 0) from 40% to 0.01% sums
   * to about 1, too few tags per contact; the offset q flattens the head.
   */
  static double[] zipfMandelbrot(int n, double first, double last, double mean) {
    double lo = 0;
    double hi = 10_000;
    double[] shares = new double[n];
    for (int i = 0; i < 200; i++) {
      double q = (lo + hi) / 2;
      double s = Math.log(first / last) / Math.log((n + q) / (1 + q));
      double sum = 0;
      for (int k = 1; k <= n; k++) {
        shares[k - 1] = first * Math.pow((1 + q) / (k + q), s);
        sum += shares[k - 1];
      }
      if (sum < mean) {
        lo = q;
      } else {
        hi = q;
      }
    }
    return shares;
  }

  /** A growable byte array. */
  private static final class ByteColumn {
    private byte[] values;
    private int size;

    ByteColumn(int capacity) {
      values = new byte[Math.max(16, capacity)];
    }

    void add(byte b) {
      if (size == values.length) {
        values = Arrays.copyOf(values, values.length + (values.length >> 1));
      }
      values[size++] = b;
    }

    int size() {
      return size;
    }

    byte[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
