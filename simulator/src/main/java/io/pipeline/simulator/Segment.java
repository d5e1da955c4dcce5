package io.pipeline.simulator;

/** Customer segments; opportunity-service runs SMB deals on the smb process and the others on enterprise. */
public enum Segment {
    ENTERPRISE(SalesProcessModel.ENTERPRISE, "MEDDIC"),
    MID_MARKET(SalesProcessModel.ENTERPRISE, "BANT"),
    SMB(SalesProcessModel.SMB, "BANT");

    private final SalesProcessModel process;
    private final String qualificationFramework;

    Segment(SalesProcessModel process, String qualificationFramework) {
        this.process = process;
        this.qualificationFramework = qualificationFramework;
    }

    public SalesProcessModel process() {
        return process;
    }

    /** Enterprise deals are qualified with MEDDIC's heavier questions, smaller ones with BANT. */
    public String qualificationFramework() {
        return qualificationFramework;
    }
}
