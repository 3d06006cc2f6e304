package org.segmentdsl.json;

import org.segmentdsl.ContactIndex;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentRegistry;

/**
 * A loaded dataset folder: its schema, an index holding its contacts, accounts, deals and events
 * (contacts in the order of {@code contacts.jsonl}), and its saved segments.
 *
 * @param schema the fields of {@code schema.json}
 * @param index the data, ready to evaluate (and to keep changing)
 * @param segments the saved segments of {@code segments/*.json}, by id
 */
public record Dataset(Schema schema, ContactIndex index, SegmentRegistry segments) {}
