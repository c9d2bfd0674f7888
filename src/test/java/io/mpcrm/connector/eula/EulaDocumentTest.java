package io.mpcrm.connector.eula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class EulaDocumentTest {

    private static final long TEN_MB = 10L * 1024 * 1024;
    private static final String FIELD = "EULA_Document_Id__c";

    @Test
    void aPdfIsAcceptedAsAPdf() {
        EulaDocument document = check("Acme EULA.pdf", pdf());

        assertThat(document.type()).isEqualTo(EulaType.PDF);
        assertThat(document.type().contentType()).isEqualTo("application/pdf");
        assertThat(document.sha256()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void aWordDocumentIsAcceptedAsDocx() throws IOException {
        byte[] docx = zip(Map.of("[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>",
                "word/document.xml", "<w:document>The buyer may ...</w:document>"));

        assertThat(check("EULA.docx", docx).type()).isEqualTo(EulaType.DOCX);
    }

    @Test
    void utf8TextWithTabsAndLineBreaksIsAcceptedAsText() {
        byte[] text = "\uFEFFEnd user licence\r\n\t1. Die Käuferin darf ...\n\t2. 買い手は ...\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(check("eula.txt", text).type()).isEqualTo(EulaType.TXT);
    }

    @Test
    void theTypeComesFromTheContentNotTheName() {
        assertThat(check("eula.txt", pdf()).type()).isEqualTo(EulaType.PDF);
    }

    @Test
    void aProgramRenamedToPdfIsRefused() {
        byte[] exe = new byte[4096];
        new Random(7).nextBytes(exe);
        exe[0] = 'M';
        exe[1] = 'Z';

        assertRefused("EULA.pdf", exe, "The custom EULA file 'EULA.pdf' is not a PDF, Word (.docx) or text file: its"
                + " content is a program, whatever its name says");
    }

    @Test
    void aZipThatIsNotAWordDocumentIsRefused() throws IOException {
        byte[] spreadsheet = zip(Map.of("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>"));

        assertRefused("EULA.docx", spreadsheet, "The custom EULA file 'EULA.docx' is not a PDF, Word (.docx) or text"
                + " file: it is a ZIP archive, but not a Word document (it has no word/document.xml)");
    }

    /** The parts of a macro-enabled Word document (.docm) as Word saves them, whatever the file is called. */
    static byte[] macroEnabledWordDocument() throws IOException {
        return zip(Map.of("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org"
                        + "/package/2006/content-types\"><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office"
                        + ".vbaProject\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word"
                        + ".document.macroEnabled.main+xml\"/></Types>",
                "_rels/.rels", "<Relationships/>", "word/document.xml", "<w:document>The buyer may ...</w:document>",
                "word/_rels/document.xml.rels", "<Relationships/>", "word/vbaProject.bin", "\u00d0\u00cf\u0011"));
    }

    @Test
    void aMacroEnabledWordDocumentRenamedDocxIsRefusedByItsContent() throws IOException {
        assertRefused("EULA.docx", macroEnabledWordDocument(), "The custom EULA file 'EULA.docx' is a macro-enabled"
                + " Office document (its [Content_Types].xml declares application/vnd.ms-word.document.macroEnabled"
                + ".main+xml, and it holds word/vbaProject.bin), whatever its name says: macros run code on the"
                + " reader's computer. Save it as a PDF or as a Word Document (.docx) without macros, and attach"
                + " that.");
    }

    @Test
    void aVbaProjectInAnOtherwisePlainWordDocumentIsRefused() throws IOException {
        byte[] docx = zip(Map.of("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>",
                "word/VBAPROJECT.BIN", "macro"));

        assertRefused("EULA.docx", docx, "is a macro-enabled Office document (it holds word/VBAPROJECT.BIN)");
    }

    @Test
    void aMacroEnabledTemplateIsRefusedByItsDeclaredContentType() throws IOException {
        byte[] dotm = zip(Map.of("[Content_Types].xml", "<Types><Override PartName=\"/word/document.xml\""
                + " ContentType=\"application/vnd.ms-word.template.macroEnabledTemplate.main+xml\"/></Types>",
                "word/document.xml", "<w:document/>"));

        assertRefused("EULA.docx", dotm, "is a macro-enabled Office document (its [Content_Types].xml declares"
                + " application/vnd.ms-word.template.macroEnabledTemplate.main+xml)");
    }

    @Test
    void aZipBombIsRefusedWithoutUnpackingItAll() throws IOException {
        // 200 entries of 1 MB of zeros: 200 MB unpacked from about 200 KB, with the parts of a Word document first.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8));
            put(zip, "word/document.xml", "<w:document/>".getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                put(zip, "word/media/padding" + i + ".bin", zeros);
            }
        }
        assertThat(bytes.size()).isLessThan(1024 * 1024);

        assertRefused("EULA.docx", bytes.toByteArray(), "it is a ZIP archive that unpacks to more than 100 MB");
    }

    @Test
    void aZipOfThousandsOfEntriesIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8));
            put(zip, "word/document.xml", "<w:document/>".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 5_000; i++) {
                put(zip, "word/part" + i + ".xml", new byte[0]);
            }
        }

        assertRefused("EULA.docx", bytes.toByteArray(), "it is a ZIP archive of more than 1000 files");
    }

    @Test
    void aTruncatedZipIsRefused() throws IOException {
        byte[] docx = zip(Map.of("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"));
        byte[] truncated = java.util.Arrays.copyOf(docx, 40);

        assertRefused("EULA.docx", truncated, "it is a damaged ZIP archive");
    }

    @Test
    void binaryGarbageIsRefused() {
        byte[] garbage = new byte[2048];
        new Random(42).nextBytes(garbage);
        garbage[0] = 'x';

        assertRefused("EULA.txt", garbage, "is not a PDF, Word (.docx) or text file: it holds binary data");
    }

    @Test
    void textWithANulIsRefused() {
        assertRefused("EULA.txt", "licence\0text".getBytes(StandardCharsets.UTF_8),
                "it holds binary data (control character U+0000), not text");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertRefused("EULA.pdf", new byte[0], "The custom EULA file 'EULA.pdf' is empty.");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithBothSizes() {
        byte[] big = new byte[(int) TEN_MB + 1];
        System.arraycopy(pdf(), 0, big, 0, pdf().length);

        assertRefused("EULA.pdf", big, "The custom EULA file 'EULA.pdf' is 10.0 MB; the limit is 10 MB.");
        assertThat(EulaDocument.check("EULA.pdf", big, TEN_MB + 1, FIELD).type()).isEqualTo(EulaType.PDF);
    }

    private static EulaDocument check(String name, byte[] content) {
        return EulaDocument.check(name, content, TEN_MB, FIELD);
    }

    private static void assertRefused(String name, byte[] content, String message) {
        assertThatThrownBy(() -> check(name, content)).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.problems()).extracting(FieldProblem::field).containsExactly(FIELD);
            assertThat(e.problems().get(0).message()).contains(message);
        });
    }

    private static byte[] pdf() {
        return "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                put(zip, entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
