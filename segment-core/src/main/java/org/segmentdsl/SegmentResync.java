package org.segmentdsl;

import java.time.Instant;
import java.util.List;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The whole membership of a live segment, sent instead of the notifications a listener fell too
 * far behind to receive (its queue was full). The listener should replace what it knows of the
 * segment by {@code members}; the changes after {@code step} follow as usual. Immutable.
 *
 * @param key the live segment's key
 * @param segment the segment
 * @param members the ids of every member, in the index's order
 * @param memberRows their dense row numbers
 * @param version the index version after the step
 * @param step the step after which {@code members} is the membership
 * @param now the instant the membership was computed at
 */
public record SegmentResync(String key, Segment segment, List<String> members,
    ImmutableRoaringBitmap memberRows, long version, long step, Instant now) {}
