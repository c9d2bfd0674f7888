package io.mpcrm.connector.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mpcrm.connector.sandbox.salesforce.SObjectSchema.Field;
import io.mpcrm.connector.sandbox.salesforce.SObjectSchema.Kind;

/** The SOQL subset the sandbox understands: parser and evaluator over a {@link SandboxStore}. */
final class SoqlEngine {

    // ------------------------------------------------------------------ AST

    record Path(List<String> parts, int pos) {
        String text() {
            return String.join(".", parts);
        }
    }

    sealed interface Expr permits And, Or, Not, Cmp, In {
    }

    record And(Expr left, Expr right) implements Expr {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    record Not(Expr inner) implements Expr {
    }

    record Cmp(Path path, String op, Literal value) implements Expr {
    }

    record In(Path path, boolean negated, List<Literal> values) implements Expr {
    }

    enum LitType { STRING, NUMBER, BOOLEAN, NULL, DATE, DATETIME, DATE_FN }

    record Literal(LitType type, Object value, String raw) {
    }

    record Order(Path path, boolean desc, boolean nullsFirst) {
    }

    record Query(String object, int objectPos, List<Path> fields, boolean countOnly, Expr where, List<Order> orderBy,
                 Integer limit, Integer offset, List<Query> children) {
    }

    /** A day range for TODAY / YESTERDAY / TOMORROW against datetime fields. */
    private record Range(Comparable<Object> lo, Comparable<Object> hi) {
    }

    // ------------------------------------------------------------------ tokenizer

    private enum T { IDENT, STRING, NUMBER, DATE, DATETIME, SYMBOL, EOF }

    private record Token(T type, String text, Object value, int pos) {
    }

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![\\dT])");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int p;

    private SoqlEngine(String text) {
        this.text = text;
        tokenize();
    }

    static SalesforceApiException malformed(String text, int pos, String message) {
        return SalesforceApiException.badRequest("MALFORMED_QUERY",
                "\n" + text + "\n" + " ".repeat(Math.max(0, pos)) + "^\nERROR at Row:1:Column:" + (pos + 1) + "\n" + message);
    }

    private static SalesforceApiException invalid(String code, String text, int pos, String message) {
        return SalesforceApiException.badRequest(code,
                "\n" + text + "\n" + " ".repeat(Math.max(0, pos)) + "^\nERROR at Row:1:Column:" + (pos + 1) + "\n" + message);
    }

    private void tokenize() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                int start = i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i++);
                    if (d == '\'') {
                        closed = true;
                        break;
                    }
                    if (d == '\\') {
                        if (i >= n) {
                            break;
                        }
                        char e = text.charAt(i++);
                        switch (e) {
                            case '\'', '"', '\\' -> sb.append(e);
                            case 'n' -> sb.append('\n');
                            case 'r' -> sb.append('\r');
                            case 't' -> sb.append('\t');
                            case 'b' -> sb.append('\b');
                            case 'f' -> sb.append('\f');
                            case '%', '_' -> sb.append('\\').append(e);
                            default -> throw malformed(text, i - 2, "Invalid string literal '" + text.substring(start, i)
                                    + "'. Illegal escape sequence '\\" + e + "'");
                        }
                    } else {
                        sb.append(d);
                    }
                }
                if (!closed) {
                    throw malformed(text, start, "unterminated string literal");
                }
                tokens.add(new Token(T.STRING, text.substring(start, i), sb.toString(), start));
                continue;
            }
            Matcher m = DATETIME.matcher(text).region(i, n);
            if (m.lookingAt()) {
                String lit = m.group();
                Instant inst = SandboxStore.parseDateTime(lit).orElseThrow(
                        () -> malformed(text, m.start(), "line 1:" + m.start() + " no viable alternative at character ' '"));
                tokens.add(new Token(T.DATETIME, lit, inst, i));
                i = m.end();
                continue;
            }
            Matcher dm = DATE.matcher(text).region(i, n);
            if (dm.lookingAt()) {
                String lit = dm.group();
                LocalDate d = SandboxStore.parseDate(lit).orElseThrow(() -> malformed(text, dm.start(),
                        "invalid date: " + lit));
                tokens.add(new Token(T.DATE, lit, d, i));
                i = dm.end();
                continue;
            }
            Matcher nm = NUMBER.matcher(text).region(i, n);
            if ((Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < n && Character.isDigit(text.charAt(i + 1))))
                    && nm.lookingAt()) {
                tokens.add(new Token(T.NUMBER, nm.group(), new BigDecimal(nm.group()), i));
                i = nm.end();
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(T.IDENT, text.substring(start, i), null, start));
                continue;
            }
            String two = i + 1 < n ? text.substring(i, i + 2) : "";
            if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>")) {
                tokens.add(new Token(T.SYMBOL, two, null, i));
                i += 2;
                continue;
            }
            if ("=<>(),.".indexOf(c) >= 0) {
                tokens.add(new Token(T.SYMBOL, String.valueOf(c), null, i));
                i++;
                continue;
            }
            throw malformed(text, i, "line 1:" + i + " no viable alternative at character '" + c + "'");
        }
        tokens.add(new Token(T.EOF, "<EOF>", null, n));
    }

    // ------------------------------------------------------------------ parser

    static Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw SalesforceApiException.badRequest("MALFORMED_QUERY", "The query string is empty");
        }
        SoqlEngine s = new SoqlEngine(text.trim());
        return s.query(false);
    }

    private Token peek() {
        return tokens.get(p);
    }

    private Token next() {
        return tokens.get(p++);
    }

    private boolean isKeyword(String kw) {
        Token t = peek();
        return t.type == T.IDENT && t.text.equalsIgnoreCase(kw);
    }

    private boolean acceptKeyword(String kw) {
        if (isKeyword(kw)) {
            p++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String kw) {
        if (!acceptKeyword(kw)) {
            throw unexpected();
        }
    }

    private boolean acceptSymbol(String sym) {
        Token t = peek();
        if (t.type == T.SYMBOL && t.text.equals(sym)) {
            p++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String sym) {
        if (!acceptSymbol(sym)) {
            throw unexpected();
        }
    }

    private SalesforceApiException unexpected() {
        Token t = peek();
        return malformed(text, t.pos, "unexpected token: " + (t.type == T.EOF ? "<EOF>" : "'" + t.text + "'"));
    }

    private static final Set<String> RESERVED = Set.of("select", "from", "where", "order", "by", "limit", "offset",
            "and", "or", "not", "in", "like", "asc", "desc", "nulls", "first", "last", "null", "true", "false",
            "includes", "excludes", "group", "having");

    private Query query(boolean nested) {
        expectKeyword("SELECT");
        List<Path> fields = new ArrayList<>();
        List<Query> children = new ArrayList<>();
        boolean count = false;
        do {
            if (isKeyword("COUNT") && tokens.get(p + 1).text.equals("(")) {
                p += 2;
                if (!acceptSymbol(")")) {
                    throw malformed(text, peek().pos, "the sandbox supports only COUNT() without a field");
                }
                count = true;
            } else if (peek().type == T.SYMBOL && peek().text.equals("(")) {
                if (nested) {
                    throw malformed(text, peek().pos, "the sandbox supports parent-to-child subqueries one level deep");
                }
                p++;
                children.add(query(true));
            } else {
                fields.add(path());
            }
        } while (acceptSymbol(","));
        if (count && !fields.isEmpty()) {
            throw malformed(text, fields.get(0).pos, "COUNT() cannot be combined with other fields");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Path f : fields) {
            if (!seen.add(f.text().toLowerCase(Locale.ROOT))) {
                throw SalesforceApiException.badRequest("INVALID_FIELD", "duplicate field selected: " + f.text());
            }
        }
        expectKeyword("FROM");
        Token obj = next();
        if (obj.type != T.IDENT || RESERVED.contains(obj.text.toLowerCase(Locale.ROOT))) {
            p--;
            throw unexpected();
        }
        Expr where = null;
        if (acceptKeyword("WHERE")) {
            where = orExpr();
        }
        List<Order> order = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                Path path = path();
                boolean desc = false;
                if (acceptKeyword("DESC")) {
                    desc = true;
                } else {
                    acceptKeyword("ASC");
                }
                boolean nullsFirst = !desc;
                if (acceptKeyword("NULLS")) {
                    if (acceptKeyword("FIRST")) {
                        nullsFirst = true;
                    } else {
                        expectKeyword("LAST");
                        nullsFirst = false;
                    }
                }
                order.add(new Order(path, desc, nullsFirst));
            } while (acceptSymbol(","));
        }
        Integer limit = null;
        Integer offset = null;
        if (acceptKeyword("LIMIT")) {
            limit = integer();
        }
        if (acceptKeyword("OFFSET")) {
            offset = integer();
        }
        if (nested) {
            expectSymbol(")");
        } else if (peek().type != T.EOF) {
            throw unexpected();
        }
        return new Query(obj.text, obj.pos, fields, count, where, order, limit, offset, List.copyOf(children));
    }

    private int integer() {
        Token t = next();
        if (t.type != T.NUMBER || ((BigDecimal) t.value).scale() > 0 || ((BigDecimal) t.value).signum() < 0) {
            p--;
            throw unexpected();
        }
        return ((BigDecimal) t.value).intValueExact();
    }

    private Path path() {
        Token t = next();
        if (t.type != T.IDENT || RESERVED.contains(t.text.toLowerCase(Locale.ROOT))) {
            p--;
            throw unexpected();
        }
        List<String> parts = new ArrayList<>();
        parts.add(t.text);
        while (acceptSymbol(".")) {
            Token n = next();
            if (n.type != T.IDENT) {
                p--;
                throw unexpected();
            }
            parts.add(n.text);
        }
        return new Path(parts, t.pos);
    }

    private Expr orExpr() {
        Expr e = andExpr();
        while (acceptKeyword("OR")) {
            e = new Or(e, andExpr());
        }
        return e;
    }

    private Expr andExpr() {
        Expr e = notExpr();
        while (acceptKeyword("AND")) {
            e = new And(e, notExpr());
        }
        return e;
    }

    private Expr notExpr() {
        if (acceptKeyword("NOT")) {
            return new Not(notExpr());
        }
        if (acceptSymbol("(")) {
            Expr e = orExpr();
            expectSymbol(")");
            return e;
        }
        return condition();
    }

    private Expr condition() {
        Path path = path();
        if (acceptKeyword("NOT")) {
            expectKeyword("IN");
            return new In(path, true, literalList());
        }
        if (acceptKeyword("IN")) {
            return new In(path, false, literalList());
        }
        if (acceptKeyword("LIKE")) {
            Literal l = literal();
            if (l.type != LitType.STRING) {
                throw malformed(text, path.pos, "LIKE needs a string literal");
            }
            return new Cmp(path, "LIKE", l);
        }
        Token op = next();
        if (op.type != T.SYMBOL || !Set.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(op.text)) {
            p--;
            throw unexpected();
        }
        return new Cmp(path, op.text.equals("<>") ? "!=" : op.text, literal());
    }

    private List<Literal> literalList() {
        expectSymbol("(");
        if (isKeyword("SELECT")) {
            throw malformed(text, peek().pos, "semi-join subqueries are not supported by the sandbox");
        }
        List<Literal> values = new ArrayList<>();
        do {
            values.add(literal());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return values;
    }

    private Literal literal() {
        Token t = next();
        switch (t.type) {
            case STRING:
                return new Literal(LitType.STRING, t.value, t.text);
            case NUMBER:
                return new Literal(LitType.NUMBER, t.value, t.text);
            case DATE:
                return new Literal(LitType.DATE, t.value, t.text);
            case DATETIME:
                return new Literal(LitType.DATETIME, t.value, t.text);
            case IDENT:
                String k = t.text.toUpperCase(Locale.ROOT);
                switch (k) {
                    case "NULL":
                        return new Literal(LitType.NULL, null, t.text);
                    case "TRUE":
                    case "FALSE":
                        return new Literal(LitType.BOOLEAN, Boolean.valueOf(k.equals("TRUE")), t.text);
                    case "TODAY":
                    case "YESTERDAY":
                    case "TOMORROW":
                        return new Literal(LitType.DATE_FN, k, t.text);
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        p--;
        throw unexpected();
    }

    // ------------------------------------------------------------------ evaluation

    /** Where the records of a FROM come from (normally the store; computed for UserRecordAccess). */
    interface RowSource {
        List<Map<String, Object>> rows(SObjectSchema schema, Query q);
    }

    /**
     * The objects and fields the query's user can see: an object they cannot read is "not supported" (INVALID_TYPE),
     * a field they cannot read has "No such column" (INVALID_FIELD), as if neither existed. Which records they see is
     * the {@link RowSource}'s business.
     */
    interface Visibility {
        Visibility ALL = new Visibility() {
            @Override
            public boolean object(SObjectSchema schema) {
                return true;
            }

            @Override
            public boolean field(SObjectSchema schema, Field field) {
                return true;
            }
        };

        boolean object(SObjectSchema schema);

        boolean field(SObjectSchema schema, Field field);
    }

    record Result(int totalSize, List<ObjectNode> records) {
    }

    private record Resolved(List<Field> hops, Field leaf, SObjectSchema leafSchema) {
    }

    static Result execute(SandboxStore store, String soql, RowSource source, String version) {
        return execute(store, soql, source, version, Visibility.ALL);
    }

    static Result execute(SandboxStore store, String soql, RowSource source, String version, Visibility vis) {
        Query q = parse(soql);
        SObjectSchema root = store.findSchema(q.object).filter(s -> !s.platformEvent).filter(vis::object)
                .orElseThrow(() -> invalid("INVALID_TYPE", soql.trim(), q.objectPos, "sObject type '" + q.object
                        + "' is not supported. If you are attempting to use a custom object, be sure to append the"
                        + " '__c' after the entity name. Please reference your WSDL or the describe call for the"
                        + " appropriate names."));
        String text = soql.trim();
        List<ChildQuery> children = new ArrayList<>();
        for (Query child : q.children) {
            SObjectSchema.ChildRelationship relationship = root.childRelationship(child.object)
                    .filter(r -> vis.object(store.schema(r.childObject())))
                    .filter(r -> vis.field(store.schema(r.childObject()), store.schema(r.childObject()).field(r.field())
                            .orElseThrow())).orElseThrow(() ->
                    invalid("INVALID_TYPE", text, child.objectPos, "Didn't understand relationship '" + child.object
                            + "' in FROM part of query call. If you are attempting to use a custom relationship, be"
                            + " sure to append the '__r' after the custom relationship name. Please reference your WSDL"
                            + " or the describe call for the appropriate names."));
            children.add(new ChildQuery(child, relationship, store.schema(relationship.childObject())));
        }
        List<Resolved> select = new ArrayList<>();
        for (Path f : q.fields) {
            select.add(resolve(store, root, f, text, vis));
        }
        List<Resolved> orderPaths = new ArrayList<>();
        for (Order o : q.orderBy) {
            orderPaths.add(resolve(store, root, o.path, text, vis));
        }
        if (q.where != null) {
            check(store, root, q.where, text, vis);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : source.rows(root, q)) {
            if (q.where == null || matches(store, r, q.where, root, text)) {
                rows.add(r);
            }
        }
        if (!q.orderBy.isEmpty()) {
            Comparator<Map<String, Object>> cmp = null;
            for (int i = 0; i < q.orderBy.size(); i++) {
                Order o = q.orderBy.get(i);
                Resolved rp = orderPaths.get(i);
                Comparator<Map<String, Object>> c = (a, b) -> compareForSort(value(store, a, rp), value(store, b, rp),
                        o.desc, o.nullsFirst);
                cmp = cmp == null ? c : cmp.thenComparing(c);
            }
            rows.sort(cmp);
        }
        int from = q.offset == null ? 0 : Math.min(q.offset, rows.size());
        int to = q.limit == null ? rows.size() : Math.min(rows.size(), from + q.limit);
        rows = rows.subList(from, to);
        if (q.countOnly) {
            return new Result(rows.size(), List.of());
        }
        List<ObjectNode> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            ObjectNode node = project(store, root, r, select, version);
            for (ChildQuery child : children) {
                node.set(child.query.object, childRecords(store, child, r.get("Id"), source, text, version, vis));
            }
            out.add(node);
        }
        return new Result(out.size(), out);
    }

    private record ChildQuery(Query query, SObjectSchema.ChildRelationship relationship, SObjectSchema schema) {
    }

    /**
     * A parent-to-child subquery's records for one parent, as the REST API nests them: null when there are none,
     * else a query result of its own.
     */
    private static JsonNode childRecords(SandboxStore store, ChildQuery child, Object parentId, RowSource source,
                                         String text, String version, Visibility vis) {
        Query q = child.query;
        List<Resolved> select = new ArrayList<>();
        for (Path f : q.fields) {
            select.add(resolve(store, child.schema, f, text, vis));
        }
        if (q.where != null) {
            check(store, child.schema, q.where, text, vis);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : source.rows(child.schema, q)) {
            if (parentId != null && parentId.equals(r.get(child.relationship.field()))
                    && (q.where == null || matches(store, r, q.where, child.schema, text))) {
                rows.add(r);
            }
        }
        Comparator<Map<String, Object>> cmp = null;
        for (Order o : q.orderBy) {
            Resolved rp = resolve(store, child.schema, o.path, text, vis);
            Comparator<Map<String, Object>> c = (a, b) -> compareForSort(value(store, a, rp), value(store, b, rp),
                    o.desc, o.nullsFirst);
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        if (cmp != null) {
            rows.sort(cmp);
        }
        int from = q.offset == null ? 0 : Math.min(q.offset, rows.size());
        int to = q.limit == null ? rows.size() : Math.min(rows.size(), from + q.limit);
        rows = rows.subList(from, to);
        if (rows.isEmpty()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode result = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        result.put("totalSize", rows.size());
        result.put("done", true);
        var records = result.putArray("records");
        for (Map<String, Object> r : rows) {
            records.add(project(store, child.schema, r, select, version));
        }
        return result;
    }

    private static Resolved resolve(SandboxStore store, SObjectSchema root, Path path, String text) {
        return resolve(store, root, path, text, Visibility.ALL);
    }

    private static Resolved resolve(SandboxStore store, SObjectSchema root, Path path, String text, Visibility vis) {
        SObjectSchema s = root;
        List<Field> hops = new ArrayList<>();
        List<String> parts = path.parts;
        int start = 0;
        if (parts.size() > 1 && parts.get(0).equalsIgnoreCase(root.name)) {
            start = 1;
        }
        for (int i = start; i < parts.size() - 1; i++) {
            String rel = parts.get(i);
            SObjectSchema current = s;
            Field hop = s.relationship(rel).filter(h -> vis.field(current, h)).filter(h -> h.referenceTo() == null
                            || store.findSchema(h.referenceTo()).map(vis::object).orElse(true))
                    .orElseThrow(() -> invalid("INVALID_FIELD", text, path.pos, "Didn't understand relationship '"
                            + rel + "' in field path. If you are attempting to use a custom relationship, be sure to"
                            + " append the '__r' after the custom relationship name. Please reference your WSDL or the"
                            + " describe call for the appropriate names."));
            SObjectSchema target = hop.referenceTo() == null ? null : store.findSchema(hop.referenceTo()).orElse(null);
            if (target == null) {
                throw invalid("INVALID_FIELD", text, path.pos, "Didn't understand relationship '" + rel
                        + "' in field path (the sandbox does not model " + current.name + "." + hop.name() + "'s target)");
            }
            hops.add(hop);
            s = target;
        }
        String leafName = parts.get(parts.size() - 1);
        SObjectSchema leafSchema = s;
        Field leaf = s.field(leafName).filter(f -> vis.field(leafSchema, f)).orElseThrow(() -> invalid("INVALID_FIELD",
                text, path.pos, "No such column '" + leafName + "' on entity '" + leafSchema.name + "'. If you are"
                        + " attempting to use a custom field, be sure to append the '__c' after the custom field name."
                        + " Please reference your WSDL or the describe call for the appropriate names."));
        return new Resolved(hops, leaf, s);
    }

    private static Object value(SandboxStore store, Map<String, Object> row, Resolved rp) {
        Map<String, Object> r = row;
        for (Field hop : rp.hops) {
            Object id = r.get(hop.name());
            if (id == null) {
                return null;
            }
            r = store.record(store.findSchema(hop.referenceTo()).orElseThrow().name, (String) id);
            if (r == null) {
                return null;
            }
        }
        return r.get(rp.leaf.name());
    }

    private static void check(SandboxStore store, SObjectSchema root, Expr e, String text, Visibility vis) {
        if (e instanceof And a) {
            check(store, root, a.left, text, vis);
            check(store, root, a.right, text, vis);
        } else if (e instanceof Or o) {
            check(store, root, o.left, text, vis);
            check(store, root, o.right, text, vis);
        } else if (e instanceof Not n) {
            check(store, root, n.inner, text, vis);
        } else if (e instanceof Cmp c) {
            Resolved rp = resolve(store, root, c.path, text, vis);
            if (c.op.equals("LIKE") && !rp.leaf.kind().textual() && !rp.leaf.kind().idLike()) {
                throw invalid("INVALID_FIELD", text, c.path.pos, "invalid operator on " + rp.leaf.kind().soapName
                        + " field: " + c.path.text());
            }
            coerce(rp.leaf, c.value, c.path, text);
        } else if (e instanceof In in) {
            Resolved rp = resolve(store, root, in.path, text, vis);
            for (Literal l : in.values) {
                coerce(rp.leaf, l, in.path, text);
            }
        }
    }

    /** Converts a literal to the field's value space, or fails as Salesforce does for a type mismatch. */
    @SuppressWarnings("unchecked")
    private static Object coerce(Field f, Literal l, Path path, String text) {
        if (l.type == LitType.NULL) {
            return null;
        }
        Kind k = f.kind();
        String typeName = switch (k) {
            case DOUBLE, CURRENCY, PERCENT -> "double";
            case INT -> "int";
            default -> k.soapName;
        };
        if (k.idLike()) {
            if (l.type != LitType.STRING) {
                throw mismatch(f, path, text, typeName, true);
            }
            String s = (String) l.value;
            return SalesforceIds.to18(s).orElseThrow(() -> invalid("INVALID_QUERY_FILTER_OPERATOR", text, path.pos,
                    "invalid ID field: " + s));
        }
        if (k.textual() || k == Kind.BASE64) {
            if (l.type != LitType.STRING) {
                throw mismatch(f, path, text, typeName, true);
            }
            return l.value;
        }
        if (k.numeric()) {
            if (l.type != LitType.NUMBER) {
                throw mismatch(f, path, text, typeName, false);
            }
            return l.value;
        }
        if (k == Kind.BOOLEAN) {
            if (l.type != LitType.BOOLEAN) {
                throw mismatch(f, path, text, typeName, false);
            }
            return l.value;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (k == Kind.DATE) {
            if (l.type == LitType.DATE) {
                return l.value;
            }
            if (l.type == LitType.DATE_FN) {
                return dayOf(today, (String) l.value);
            }
            throw mismatch(f, path, text, typeName, false);
        }
        if (k == Kind.DATETIME) {
            if (l.type == LitType.DATETIME) {
                return l.value;
            }
            if (l.type == LitType.DATE || l.type == LitType.DATE_FN) {
                LocalDate d = l.type == LitType.DATE ? (LocalDate) l.value : dayOf(today, (String) l.value);
                Instant lo = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant hi = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                if (l.type == LitType.DATE) {
                    return lo;
                }
                return new Range((Comparable<Object>) (Comparable<?>) lo, (Comparable<Object>) (Comparable<?>) hi);
            }
            throw mismatch(f, path, text, typeName, false);
        }
        return l.value;
    }

    private static LocalDate dayOf(LocalDate today, String fn) {
        return switch (fn) {
            case "YESTERDAY" -> today.minusDays(1);
            case "TOMORROW" -> today.plusDays(1);
            default -> today;
        };
    }

    private static SalesforceApiException mismatch(Field f, Path path, String text, String type, boolean quoted) {
        return invalid("INVALID_FIELD", text, path.pos, "value of filter criterion for field '" + path.text()
                + "' must be of type " + type + (quoted ? " and should be enclosed in quotes"
                : " and should not be enclosed in quotes"));
    }

    private static boolean matches(SandboxStore store, Map<String, Object> row, Expr e, SObjectSchema root,
                                   String text) {
        if (e instanceof And a) {
            return matches(store, row, a.left, root, text) && matches(store, row, a.right, root, text);
        }
        if (e instanceof Or o) {
            return matches(store, row, o.left, root, text) || matches(store, row, o.right, root, text);
        }
        if (e instanceof Not n) {
            return !matches(store, row, n.inner, root, text);
        }
        if (e instanceof In in) {
            Resolved rp = resolve(store, root, in.path, text);
            Object v = value(store, row, rp);
            boolean any = false;
            for (Literal l : in.values) {
                Object lit = coerce(rp.leaf, l, in.path, text);
                if (lit == null ? v == null : v != null && compare(v, lit) == 0) {
                    any = true;
                    break;
                }
            }
            return in.negated != any;
        }
        Cmp c = (Cmp) e;
        Resolved rp = resolve(store, root, c.path, text);
        Object v = value(store, row, rp);
        Object lit = coerce(rp.leaf, c.value, c.path, text);
        if (c.op.equals("LIKE")) {
            return v != null && like(v.toString(), (String) lit);
        }
        if (lit == null || v == null) {
            boolean bothNull = lit == null && v == null;
            return switch (c.op) {
                case "=" -> bothNull;
                case "!=" -> !bothNull;
                default -> false;
            };
        }
        if (lit instanceof Range r) {
            int lo = compare(v, r.lo);
            int hi = compare(v, r.hi);
            return switch (c.op) {
                case "=" -> lo >= 0 && hi < 0;
                case "!=" -> !(lo >= 0 && hi < 0);
                case "<" -> lo < 0;
                case "<=" -> hi < 0;
                case ">" -> hi >= 0;
                case ">=" -> lo >= 0;
                default -> false;
            };
        }
        int cmp = compare(v, lit);
        return switch (c.op) {
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> false;
        };
    }

    static boolean like(String value, String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
                .matcher(value).matches();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            if (SalesforceIds.isValid(x) && SalesforceIds.isValid(y) && x.length() == 18 && y.length() == 18) {
                return x.compareTo(y);
            }
            return x.compareToIgnoreCase(y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Long x && b instanceof BigDecimal y) {
            return BigDecimal.valueOf(x).compareTo(y);
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }

    private static int compareForSort(Object a, Object b, boolean desc, boolean nullsFirst) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int c = compare(a, b);
        return desc ? -c : c;
    }

    private static ObjectNode project(SandboxStore store, SObjectSchema root, Map<String, Object> row,
                                      List<Resolved> select, String version) {
        ObjectNode node = store.render(root, row, List.of(), version);
        for (Resolved rp : select) {
            ObjectNode target = node;
            Map<String, Object> r = row;
            SObjectSchema s = root;
            boolean absent = false;
            for (Field hop : rp.hops) {
                String rel = hop.relationshipName();
                Object id = r.get(hop.name());
                SObjectSchema next = store.findSchema(hop.referenceTo()).orElseThrow();
                Map<String, Object> parent = id == null ? null : store.record(next.name, (String) id);
                if (parent == null) {
                    if (!target.has(rel)) {
                        target.putNull(rel);
                    }
                    absent = true;
                    break;
                }
                JsonNode existing = target.get(rel);
                if (existing == null || !existing.isObject()) {
                    existing = store.render(next, parent, List.of(), version);
                    target.set(rel, existing);
                }
                target = (ObjectNode) existing;
                r = parent;
                s = next;
            }
            if (!absent) {
                target.set(rp.leaf.name(), store.jsonValue(s, rp.leaf, r, version));
            }
        }
        return node;
    }

    /** The literal values a WHERE clause compares {@code field} with by '=' or IN (for computed objects). */
    static List<String> equalityValues(Expr e, String field) {
        List<String> out = new ArrayList<>();
        collect(e, field, out);
        return out;
    }

    private static void collect(Expr e, String field, List<String> out) {
        if (e instanceof And a) {
            collect(a.left, field, out);
            collect(a.right, field, out);
        } else if (e instanceof Or o) {
            collect(o.left, field, out);
            collect(o.right, field, out);
        } else if (e instanceof Cmp c && c.op.equals("=") && c.path.parts.size() == 1
                && c.path.parts.get(0).equalsIgnoreCase(field) && c.value.type == LitType.STRING) {
            out.add((String) c.value.value);
        } else if (e instanceof In in && !in.negated && in.path.parts.size() == 1
                && in.path.parts.get(0).equalsIgnoreCase(field)) {
            for (Literal l : in.values) {
                if (l.type == LitType.STRING) {
                    out.add((String) l.value);
                }
            }
        }
    }
}
