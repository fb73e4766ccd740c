package jenkins;

/** Stand-in. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
