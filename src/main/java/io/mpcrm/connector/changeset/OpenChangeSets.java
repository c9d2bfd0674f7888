package io.mpcrm.connector.changeset;

import java.util.List;

/**
 * A kind of record whose change sets the tracker follows (offers, resale authorizations): each kind registers one as a
 * Spring bean and says which of its records wait for their change set, and what puts the outcome on each.
 */
public interface OpenChangeSets {

    List<OpenChangeSet> open();
}
