package io.mpcrm.connector.eula;

/** The kinds of file a custom EULA may be, with the extension and content type it is stored under. */
public enum EulaType {
    PDF("pdf", "application/pdf"),
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    TXT("txt", "text/plain; charset=utf-8");

    private final String extension;
    private final String contentType;

    EulaType(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
