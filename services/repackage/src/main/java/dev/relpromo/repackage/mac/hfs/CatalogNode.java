package dev.relpromo.repackage.mac.hfs;

import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;

/**
 * A folder, file or symbolic link of the volume being built: what becomes one catalog record and its thread
 * record (TN1150 "Catalog File"). Children are kept in catalog order, so a name HFS+ would consider equal
 * ("Foo" and "foo") is detected as a duplicate when it is added.
 */
public final class CatalogNode {
    /** What the node is; symlinks are files with type 'slnk' and creator 'rhap' (TN1150 "Symbolic Links"). */
    public enum Kind { FOLDER, FILE, SYMLINK }

    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;

    private final Kind kind;
    private final HfsName name;
    private final CatalogNode parent;
    private final TreeMap<HfsName, CatalogNode> children;
    private final ForkExtent data;
    private int permissions;
    private long modified;
    private boolean declared;
    private long id;

    private CatalogNode(Kind kind, HfsName name, CatalogNode parent, int permissions, long modified,
            ForkExtent data) {
        this.kind = kind;
        this.name = name;
        this.parent = parent;
        this.children = kind == Kind.FOLDER ? new TreeMap<>() : null;
        this.permissions = permissions & 0777;
        this.modified = modified;
        this.data = data;
    }

    static CatalogNode newRoot() {
        return new CatalogNode(Kind.FOLDER, HfsName.EMPTY, null, 0755, 0, ForkExtent.EMPTY);
    }

    /** The child with a name HFS+ considers equal to {@code childName}, or null. */
    public CatalogNode child(HfsName childName) {
        requireFolder();
        return children.get(childName);
    }

    /**
     * Adds a folder that no archive entry has declared yet (an implied parent); {@link #declare} later gives it
     * the entry's mode and date.
     */
    public CatalogNode addFolder(HfsName childName, int permissions, long modifiedUnix) {
        return add(new CatalogNode(Kind.FOLDER, childName, this, permissions, modifiedUnix, ForkExtent.EMPTY));
    }

    /** Adds a regular file whose data fork is {@code data}. */
    public CatalogNode addFile(HfsName childName, int permissions, long modifiedUnix, ForkExtent data) {
        return add(new CatalogNode(Kind.FILE, childName, this, permissions, modifiedUnix, data));
    }

    /** Adds a symbolic link whose data fork holds the target path. */
    public CatalogNode addSymlink(HfsName childName, int permissions, long modifiedUnix, ForkExtent target) {
        return add(new CatalogNode(Kind.SYMLINK, childName, this, permissions, modifiedUnix, target));
    }

    private CatalogNode add(CatalogNode node) {
        requireFolder();
        CatalogNode existing = children.putIfAbsent(node.name, node);
        if (existing != null) {
            throw new IllegalStateException("'" + node.name + "' already exists as '" + existing.name + "'");
        }
        return node;
    }

    private void requireFolder() {
        if (kind != Kind.FOLDER) {
            throw new IllegalStateException("'" + name + "' is not a folder");
        }
    }

    /** Gives a folder the mode and date of the archive entry that declares it; a folder is declared once. */
    public void declare(int newPermissions, long modifiedUnix) {
        this.permissions = newPermissions & 0777;
        this.modified = modifiedUnix;
        this.declared = true;
    }

    /** Whether an archive entry has declared this node (files and links always are). */
    public boolean declared() {
        return declared || kind != Kind.FOLDER;
    }

    public Kind kind() {
        return kind;
    }

    public HfsName name() {
        return name;
    }

    CatalogNode parent() {
        return parent;
    }

    /** Children in catalog order; empty for files and links. */
    public Collection<CatalogNode> children() {
        return children == null ? Collections.emptyList() : Collections.unmodifiableCollection(children.values());
    }

    public int permissions() {
        return permissions;
    }

    /** TN1150 "HFSPlusBSDInfo.fileMode": the file type bits and the permissions. */
    int fileMode() {
        return switch (kind) {
            case FOLDER -> S_IFDIR | permissions;
            case FILE -> S_IFREG | permissions;
            case SYMLINK -> S_IFLNK | permissions;
        };
    }

    long modified() {
        return modified;
    }

    void modified(long modifiedUnix) {
        this.modified = modifiedUnix;
    }

    ForkExtent data() {
        return data;
    }

    long id() {
        return id;
    }

    void id(long catalogNodeId) {
        this.id = catalogNodeId;
    }
}
