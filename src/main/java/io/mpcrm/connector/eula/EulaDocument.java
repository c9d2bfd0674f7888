package io.mpcrm.connector.eula;

import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A custom EULA file that passed the checks: not empty, within the size limit, and by its content (never its name) a
 * PDF, a Word document (.docx) without macros, or UTF-8 text.
 *
 * @param fileName the name the seller gave it, for messages only
 * @param type what its content is
 * @param content the bytes, as attached
 */
public record EulaDocument(String fileName, EulaType type, byte[] content) {

    /** A .docx has a few dozen parts; thousands mean something else. */
    static final int MAX_ZIP_ENTRIES = 1_000;
    /** A 10 MB .docx of text unpacks to well under this; a zip bomb does not. */
    static final long MAX_UNZIPPED_BYTES = 100L * 1024 * 1024;

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] WINDOWS_PROGRAM_MAGIC = {'M', 'Z'};
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    /** [Content_Types].xml is a few kilobytes; more is not read. */
    private static final int MAX_CONTENT_TYPES_BYTES = 64 * 1024;
    /**
     * Content types that say the package runs macros: the macro-enabled main parts of Word, Excel and PowerPoint
     * (application/vnd.ms-word.document.macroEnabled.main+xml and the like) and the VBA project part itself
     * (application/vnd.ms-office.vbaProject).
     */
    private static final Pattern MACRO_CONTENT_TYPE = Pattern.compile(
            "ContentType\\s*=\\s*[\"']([^\"']*(?:macroEnabled|vbaProject)[^\"']*)[\"']", Pattern.CASE_INSENSITIVE);

    /**
     * Checks a file attached as a custom EULA and names what it is; refuses it on {@code field} with words for the
     * seller otherwise.
     */
    public static EulaDocument check(String fileName, byte[] content, long maxBytes, String field) {
        if (content.length == 0) {
            throw refused(field, "The custom EULA file '" + fileName + "' is empty. Attach the EULA document again.");
        }
        if (content.length > maxBytes) {
            throw refused(field, tooBig(fileName, content.length, maxBytes));
        }
        EulaType type;
        if (startsWith(content, PDF_MAGIC)) {
            type = EulaType.PDF;
        } else if (startsWith(content, ZIP_MAGIC)) {
            Package zip = readPackage(content);
            if (zip.problem() != null) {
                throw notAnEula(field, fileName, zip.problem());
            }
            if (!zip.macros().isEmpty()) {
                throw refused(field, "The custom EULA file '" + fileName + "' is a macro-enabled Office document ("
                        + String.join(", and ", zip.macros()) + "), whatever its name says: macros run code on the"
                        + " reader's computer. Save it as a PDF or as a Word Document (.docx) without macros, and"
                        + " attach that.");
            }
            type = EulaType.DOCX;
        } else if (startsWith(content, WINDOWS_PROGRAM_MAGIC) || startsWith(content, ELF_MAGIC)) {
            throw notAnEula(field, fileName, "its content is a program, whatever its name says");
        } else {
            String problem = textProblem(content);
            if (problem != null) {
                throw notAnEula(field, fileName, problem);
            }
            type = EulaType.TXT;
        }
        return new EulaDocument(fileName, type, content);
    }

    /** The message for a file over the limit, also used before downloading one. */
    static String tooBig(String fileName, long size, long maxBytes) {
        return "The custom EULA file '" + fileName + "' is " + megabytes(size) + "; the limit is " + megabytes(maxBytes)
                + ". Attach a smaller file (a PDF without embedded images, or the text alone).";
    }

    /** Lower-case hex SHA-256 of the content: the file's name in storage. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long size() {
        return content.length;
    }

    /**
     * What a ZIP archive is: why it is not a Word document ({@link Package#problem}, null if it is one), and what says
     * it runs macros ({@link Package#macros}: a macro-enabled content type in [Content_Types].xml, a VBA project part),
     * judged by content whatever the file's name. Reads entry by entry, keeping only [Content_Types].xml, within bounds
     * on the number of entries and on the bytes unpacked, so an archive that unpacks to gigabytes costs no more than
     * {@link #MAX_UNZIPPED_BYTES} of reading.
     */
    private static Package readPackage(byte[] content) {
        boolean contentTypes = false;
        boolean document = false;
        int entries = 0;
        long unzipped = 0;
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream declared = new ByteArrayOutputStream();
        List<String> vbaParts = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    return Package.not("it is a ZIP archive of more than " + MAX_ZIP_ENTRIES + " files, which no Word"
                            + " document is");
                }
                boolean types = "[Content_Types].xml".equals(entry.getName());
                contentTypes |= types;
                document |= "word/document.xml".equals(entry.getName());
                if (entry.getName().toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
                    vbaParts.add(entry.getName());
                }
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    unzipped += read;
                    if (unzipped > MAX_UNZIPPED_BYTES) {
                        return Package.not("it is a ZIP archive that unpacks to more than "
                                + megabytes(MAX_UNZIPPED_BYTES) + ", which no Word document does");
                    }
                    if (types && declared.size() < MAX_CONTENT_TYPES_BYTES) {
                        declared.write(buffer, 0, Math.min(read, MAX_CONTENT_TYPES_BYTES - declared.size()));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Package.not("it is a damaged ZIP archive");
        }
        if (entries == 0) {
            return Package.not("it is a damaged ZIP archive");
        }
        if (!contentTypes || !document) {
            return Package.not("it is a ZIP archive, but not a Word document (it has no "
                    + (contentTypes ? "word/document.xml" : "[Content_Types].xml") + ")");
        }
        List<String> macros = new ArrayList<>();
        Matcher macroType = MACRO_CONTENT_TYPE.matcher(declared.toString(StandardCharsets.UTF_8));
        List<String> types = new ArrayList<>();
        while (macroType.find()) {
            types.add(macroType.group(1));
        }
        // The main part's type names the kind of document best; the VBA project's type comes with it.
        types.stream().filter(t -> t.toLowerCase(Locale.ROOT).contains("macroenabled")).findFirst()
                .or(() -> types.stream().findFirst())
                .ifPresent(t -> macros.add("its [Content_Types].xml declares " + t));
        vbaParts.stream().findFirst().ifPresent(part -> macros.add("it holds " + part));
        return new Package(null, macros);
    }

    /** A ZIP archive as read: why it is not a Word document (null if it is), and what says it runs macros. */
    private record Package(String problem, List<String> macros) {
        static Package not(String problem) {
            return new Package(problem, List.of());
        }
    }

    /** Why the content is not plain UTF-8 text, or null if it is. */
    private static String textProblem(byte[] content) {
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
        } catch (CharacterCodingException e) {
            return "it holds binary data, not text in UTF-8";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n') {
                return "it holds binary data (control character U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + "), not text";
            }
        }
        return null;
    }

    private static RequestRejected notAnEula(String field, String fileName, String why) {
        return refused(field, "The custom EULA file '" + fileName + "' is not a PDF, Word (.docx) or text file: "
                + why + ". Attach the EULA as one of those.");
    }

    private static RequestRejected refused(String field, String message) {
        return new RequestRejected(List.of(new FieldProblem(field, message)));
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb == Math.rint(mb) ? String.format(Locale.ROOT, "%.0f MB", mb)
                : String.format(Locale.ROOT, "%.1f MB", mb);
    }
}
