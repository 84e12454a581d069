package io.hathor.reinit.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opens the files that hold full xpubkeys (exports, failed-wallets and rejected files) readable by their owner only:
 * on a POSIX file system a new file is created with mode 0600 (the umask can only remove bits), and an existing one
 * is set to 0600 before it is truncated, so no byte is ever readable by others. Elsewhere the file is opened as usual.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final Set<OpenOption> REPLACE = Set.of(StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);

    private OwnerOnlyFiles() {}

    /** A new or emptied {@code file} (its folders created), mode 0600 where the file system has POSIX modes. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.newOutputStream(file);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                return Channels.newOutputStream(Files.newByteChannel(file, CREATE_NEW, OWNER_ONLY_ATTRIBUTE));
            } catch (FileAlreadyExistsException e) {
                // created meanwhile: replace it as an existing file
            }
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return Channels.newOutputStream(Files.newByteChannel(file, REPLACE));
    }
}
