package sparkgan;

/**
 * A problem with what the user gave us (a file, a config key, an option): its message is one line
 * that names the culprit and says what was expected, and the command line prints it without a stack
 * trace and exits non-zero.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
