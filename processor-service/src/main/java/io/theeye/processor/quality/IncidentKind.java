package io.theeye.processor.quality;

/** The conditions that open a data-quality incident, with their names in the table and the notices. */
public enum IncidentKind {
    INVALID_SHARE("invalid_share"),
    SILENT("silent");

    private final String wire;

    IncidentKind(String wire) {
        this.wire = wire;
    }

    /** The name stored in {@code quality_incidents.kind} and sent in notices. */
    public String wire() {
        return wire;
    }

    /** The kind stored under this name. */
    public static IncidentKind fromWire(String wire) {
        for (IncidentKind kind : values()) {
            if (kind.wire.equals(wire)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown incident kind " + wire);
    }
}
