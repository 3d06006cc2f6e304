package org.segmentdsl;

import java.time.Instant;
import java.util.List;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * One step's change to a live segment's membership: the contacts that now match and did not
 * before ({@code entered}), and those that matched and no longer do ({@code exited}, including
 * contacts removed from the index). Never both empty. Immutable.
 *
 * @param key the live segment's key (its id, or the name it was registered under)
 * @param segment the segment
 * @param entered the ids of the contacts that entered, in the index's order (the order contacts
 *     were first added)
 * @param exited the ids of the contacts that left, in the index's order
 * @param enteredRows the dense row numbers of {@code entered}, for bulk consumers
 * @param exitedRows the dense row numbers of {@code exited}
 * @param version the {@linkplain IndexSnapshot#version version} of the index after the step
 * @param step the step's number in its {@link LiveSegments}, increasing by one per batch or tick
 * @param now the instant the membership was computed at
 */
public record SegmentChange(String key, Segment segment, List<String> entered,
    List<String> exited, ImmutableRoaringBitmap enteredRows, ImmutableRoaringBitmap exitedRows,
    long version, long step, Instant now) {}
