/**
 * Recorded events. {@link org.segmentdsl.internal.event.Events} holds a snapshot's events: per
 * contact row an {@link org.segmentdsl.internal.event.EventBlob} with the times of all its events
 * (and an {@link org.segmentdsl.internal.event.EventTail} for a busy contact), and per event type
 * an {@link org.segmentdsl.internal.event.EventColumn} with the month, day and hour buckets and
 * the numbers of the property maps ({@link org.segmentdsl.internal.event.PropertyMaps}). {@link
 * org.segmentdsl.internal.event.EventList} is one contact's events of one type, decoded for
 * reading. On the way in, {@link org.segmentdsl.internal.event.BufferedEvents} (behind the API's
 * {@code EventBuffer}) and {@link org.segmentdsl.internal.event.StagedEvents} (a batch's events)
 * keep events column by column, and {@link org.segmentdsl.internal.event.PendingRows} collects a
 * commit's bucket rows.
 *
 * <p>Depends on: {@code org.segmentdsl.internal}, {@code org.segmentdsl.internal.snapshot} and
 * {@code org.segmentdsl.internal.column} (bitmap maps, chunked arrays, keys). Used by {@code
 * table}, {@code write}, the evaluator and the API; it depends on none of them.
 */
package org.segmentdsl.internal.event;
