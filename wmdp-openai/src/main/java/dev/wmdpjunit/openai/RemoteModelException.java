package dev.wmdpjunit.openai;

/** The server could not be reached, refused, or answered something this client cannot score; names the endpoint. */
public class RemoteModelException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public RemoteModelException(String message) {
        super(message);
    }

    public RemoteModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
