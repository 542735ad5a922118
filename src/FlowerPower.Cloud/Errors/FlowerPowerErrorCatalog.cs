namespace FlowerPower.Cloud;

/// <summary>
/// Every error code of the API reference's error tables (configuration 9000-9072, search 7000-7011, common
/// 5000-5200, user 8000-8022), with its name, message and category. The reference gives two errors each for 7002
/// and 5017; <see cref="Find"/> returns both, and the client names neither unless the server's message tells
/// which one was meant.
/// </summary>
public static class FlowerPowerErrorCatalog
{
    private static readonly FlowerPowerErrorDefinition[] Definitions =
    [
        new(9000, "UNKNOWN_LOCATION", "The requested garden location does not exist", FlowerPowerErrorCategory.NotFound),
        new(9001, "SENSOR_SERIAL_ALREADY_EXISTS", "Request to create a sensor with duplicate serial number", FlowerPowerErrorCategory.Conflict),
        new(9002, "SENSOR_SERIAL_DOES_NOT_EXIST", "Supplied sensor serial number does not exist or is not owned by me", FlowerPowerErrorCategory.NotFound),
        new(9003, "NOT_MY_SENSOR", "Sensor assigned to a different account - cannot update", FlowerPowerErrorCategory.NotFound),
        new(9004, "NOT_MY_LOCATION", "Location assigned to a different account", FlowerPowerErrorCategory.NotFound),
        new(9005, "NO_PLANT_AT_LOCATION", "This feature requires a plant to be assigned to the location", FlowerPowerErrorCategory.Validation),
        new(9008, "SENSOR_FIND_ERROR", "The sensor does not exist or is not assigned to this location", FlowerPowerErrorCategory.NotFound),
        new(9009, "EVENT_ID_INVALID", "One, or more, of the event ids were invalid", FlowerPowerErrorCategory.Validation),
        new(9010, "LOCATION_FIND_ERROR", "The location does not exist or is not assigned to this user", FlowerPowerErrorCategory.NotFound),
        new(9011, "UNKNOWN_DETECTOR_TYPE", "The supplied detector type is invalid", FlowerPowerErrorCategory.Validation),
        new(9012, "UNSUPPORTED_HISTORY_FORMAT", "Invalid or unsupported history format", FlowerPowerErrorCategory.Validation),
        new(9014, "UNSUPPORTED_RESOLUTION", "Supplied sample resolution is not supported", FlowerPowerErrorCategory.Validation),
        new(9019, "STALE_DATA_UPDATE_ERROR", "Cannot update from supplied data as server data is newer", FlowerPowerErrorCategory.Conflict),
        new(9020, "INVALID_USER_DATA_VERSION", "Cannot update as the supplied user data version EXCEEDS the server version", FlowerPowerErrorCategory.Conflict),
        new(9021, "LOCATION_ALREADY_EXISTS", "Cannot create a location with the same location identifier", FlowerPowerErrorCategory.Conflict),
        new(9022, "UNKNOWN_ACTION", "Sync could not work out what to do for an item", FlowerPowerErrorCategory.Validation),
        new(9023, "EVENT_CREATE_ERROR", "Attempt to create an event failed", FlowerPowerErrorCategory.Validation),
        new(9030, "UNKNOWN_IMAGE_ACTION", "Action not recognised, expected c,u or d", FlowerPowerErrorCategory.Validation),
        new(9031, "MISSING_LOCATION_IDENTIFIER", "Location identifier parameter missing", FlowerPowerErrorCategory.Validation),
        new(9032, "GPS_DATA_MISSING", "GPS data missing - cannot suggest plants", FlowerPowerErrorCategory.Validation),
        new(9035, "RESET_ID_INVALID", "Supplied id is invalid or not found", FlowerPowerErrorCategory.NotFound),
        new(9036, "RESET_ID_EXPIRED", "Supplied id has expired", FlowerPowerErrorCategory.Conflict),
        new(9037, "RESET_ID_ALREADY_USED", "Supplied id has been used", FlowerPowerErrorCategory.Conflict),
        new(9038, "GARDEN_LOCATION_NOT_ACTIVE", "Requested suggestions for a location that does not have sensor associated", FlowerPowerErrorCategory.Validation),
        new(9039, "NO_LOCATION_STATUS_PRESENT", "Location for supplied location does not exist", FlowerPowerErrorCategory.NotFound),
        new(9040, "MISSING_PLANT_ASSIGNED_DATE", "If setting a plant id you MUST supply an assigned date (or removed)", FlowerPowerErrorCategory.Validation),
        new(9041, "INVALID_OR_MISSING_FROM_DATE", "Expected a from date and was invalid or absent", FlowerPowerErrorCategory.Validation),
        new(9042, "INVALID_OR_MISSING_TO_DATE", "Expected a to date and was invalid or absent", FlowerPowerErrorCategory.Validation),
        new(9043, "DEVICE_TIME_MISSING", "Expected a mandatory datetime and was absent", FlowerPowerErrorCategory.Validation),
        new(9044, "DEVICE_TIME_OUT_OF_RANGE", "Device time out of acceptable synch with server time", FlowerPowerErrorCategory.Validation),
        new(9045, "USER_SHARING_INVALID_SET_OPTION", "The parameter can only be to_be_reminded, never_remind or shared", FlowerPowerErrorCategory.Validation),
        new(9046, "USER_SHARING_INVALID_SET_OPTION_FOR_CURRENT_STATE", "User sharing cannot be set to new state when in current state", FlowerPowerErrorCategory.Validation),
        new(9047, "INVALID_UNKNOWN_OR_PRIVATE_LOCATION", "Either the identifier does not exist or is private", FlowerPowerErrorCategory.NotFound),
        new(9048, "REQUEST_DATE_SPAN_TOO_LARGE", "The requested date span is too large", FlowerPowerErrorCategory.Validation),
        new(9049, "INVALID_DATE_FORMAT", "Could not parse the supplied date format use YYYY-MM-DD", FlowerPowerErrorCategory.Validation),
        new(9050, "UNKNOWN_PLANT_SCIENCE_DATABASE", "The supplied library database identifier was not valid", FlowerPowerErrorCategory.Validation),
        new(9051, "INVALID_GPS_DATA", "The supplied gps data was invalid or out of range", FlowerPowerErrorCategory.Validation),
        new(9052, "SEASONALITY_DATA_NOT_FOUND", "The seasonality data does not exist", FlowerPowerErrorCategory.NotFound),
        new(9053, "DATETIME_VALUE_IS_IN_THE_FUTURE", "One of the supplied dates was in the future and was rejected", FlowerPowerErrorCategory.Validation),
        new(9054, "DATETIME_REVERSAL_FOR_LOCATION", "When un/assigning sensor sample block had reversed dates - all rejected", FlowerPowerErrorCategory.Validation),
        new(9057, "ACKNOWLEDGE_DONE_MISSING_DATE", "All done acknowledgements must include a date when it occured", FlowerPowerErrorCategory.Validation),
        new(9058, "SESSION_HISTORY_MISSING_PARAMETERS", "One or more parameters missing from session data", FlowerPowerErrorCategory.Validation),
        new(9059, "SENSOR_LOCATION_ASSIGNMENT_IN_THE_FUTURE", "When assigning a sensor to a location the assignment date was in the future", FlowerPowerErrorCategory.Validation),
        new(9060, "INVALID_DATETIME_FORMAT", "Could not parse the supplied date format", FlowerPowerErrorCategory.Validation),
        new(9061, "SESSION_HISTORY_DATETIME_IN_FUTURE", "The supplied session start time is in the future - not allowed", FlowerPowerErrorCategory.Validation),
        new(9062, "SENSOR_CREATE_MISSING_PARAMETERS", "One or more parameters missing from sensor data", FlowerPowerErrorCategory.Validation),
        new(9063, "SENSOR_H20_CAPACITY_MISSING", "If sensor type is h20 then capactiy is required", FlowerPowerErrorCategory.Validation),
        new(9064, "UNKNOWN_SENSOR_TYPE", "The supplied sensor type is unknown - expected pot, h20 or flower-power", FlowerPowerErrorCategory.Validation),
        new(9065, "VALUE_IS_NIL_WHEN_VALUE_EXPECTED", "The parameter cannot be nil", FlowerPowerErrorCategory.Validation),
        new(9066, "MISSED_PARAMETER", "Missed parameter", FlowerPowerErrorCategory.Validation),
        new(9067, "FIRMWARE_DOESNT_EXIST", "No such sensor firmware", FlowerPowerErrorCategory.NotFound),
        new(9068, "INVALID_STATUS_CREATION_DATETIME_UTC", "Invalid status_creation_datetime_utc value", FlowerPowerErrorCategory.Validation),
        new(9069, "INVALID_TIME_RANGE", "Reversed or empty time Range", FlowerPowerErrorCategory.Validation),
        new(9070, "GARDEN_LOCATION_NOT_MINE", "Garden location not mine", FlowerPowerErrorCategory.NotFound),
        new(9071, "APIPIE_ERROR", "", FlowerPowerErrorCategory.Validation),
        new(9072, "SENSOR_TYPE_CHANGED", "Sensor type change is not allowed", FlowerPowerErrorCategory.Validation),
        new(7002, "MORE_DATA_REQUIRED", "More data required for suggestions:", FlowerPowerErrorCategory.Validation),
        new(7000, "UNKNOWN_PLANT_IDENTIFIER", "The requested plant does not exist", FlowerPowerErrorCategory.NotFound),
        new(7001, "UNKNOWN_PLANT_IN_LANGUAGE", "The requested plant does not exist in this language", FlowerPowerErrorCategory.NotFound),
        new(7002, "LANGUAGE_DICTIONARY_NOY_FOUND", "Dictionary is missing", FlowerPowerErrorCategory.NotFound),
        new(7003, "INVALID_SUNLIGHT_ESTIMATION", "The sunlight estimation value is invalid", FlowerPowerErrorCategory.Validation),
        new(7004, "INVALID_OR_MISSING_GPS", "Missing or invalid GPS value", FlowerPowerErrorCategory.Validation),
        new(7005, "SUGGESTION_NOT_READY", "Suggestion not ready - not enough data samples", FlowerPowerErrorCategory.Validation),
        new(7006, "INDOOR_OUTDOOR_VALUE_MISSING", "Suggestion mode requires indoor/outdoor value to be set", FlowerPowerErrorCategory.Validation),
        new(7007, "INVALID_DLI_VALUE", "DLI value is nil - cannot be used", FlowerPowerErrorCategory.Validation),
        new(7008, "INVALID_HARDINESS_ZONE", "Hardiness value is nil - cannot be used", FlowerPowerErrorCategory.Validation),
        new(7009, "INVALID_HEAT_ZONE", "Heat value is nil - cannot be used", FlowerPowerErrorCategory.Validation),
        new(7010, "NO_PLANT_ASSIGNED_TO_LOCATION", "This call requires a plant to have been assigned to the location", FlowerPowerErrorCategory.Validation),
        new(7011, "SUPPLIED_PLANT_LIBRARY_IDENTIFIER_NOT_RECOGNISED", "The supplied plant library identifier is not recognised", FlowerPowerErrorCategory.NotFound),
        new(5000, "UNSUPPORTED_API", "The requested version of this message is not supported", FlowerPowerErrorCategory.Unsupported),
        new(5001, "NOT_YET_IMPLEMENTED", "This feature has not yet been implemented", FlowerPowerErrorCategory.Unsupported),
        new(5003, "NOT_ENOUGH_PARAMETERS", "Invalid number of parameters", FlowerPowerErrorCategory.Validation),
        new(5004, "DEPRECATED_IS_ERROR", "This function is deprecated and cannot be called", FlowerPowerErrorCategory.Unsupported),
        new(5005, "JSON_PARSE_ERROR", "Malformed JSON error", FlowerPowerErrorCategory.Validation),
        new(5006, "S3_ID_MISSING", "S3_ID_MISSING", FlowerPowerErrorCategory.Server),
        new(5007, "S3_SECRET_MISSING", "S3_SECRET_MISSING", FlowerPowerErrorCategory.Server),
        new(5008, "UNSUPPORTED_LANGUAGE", "Unsupported language", FlowerPowerErrorCategory.Validation),
        new(5009, "MISSED_SENSOR_TYPE", "Missed sensor_type", FlowerPowerErrorCategory.Validation),
        new(5010, "WRONG_SENSOR_TYPE", "Bad sensor_type value", FlowerPowerErrorCategory.Validation),
        new(5011, "MISSED_H20_CAPACITY", "Missed h20_capacity for H20 sensor", FlowerPowerErrorCategory.Validation),
        new(5012, "WRONG_H20_CAPACITY", "Wrong value of h20_capacity for H20 sensor", FlowerPowerErrorCategory.Validation),
        new(5013, "MISSING_USE_LITER", "Missed use_liter parameter", FlowerPowerErrorCategory.Validation),
        new(5014, "MISSING_UTC_TIMEZONE", "Missed utc_timezone parameter", FlowerPowerErrorCategory.Validation),
        new(5015, "MISSING_USER_UUID", "Missed user_uuid parameter", FlowerPowerErrorCategory.Validation),
        new(5016, "MISSED_EXPERT_MODE_CFG", "Missed expert mode config", FlowerPowerErrorCategory.Validation),
        new(5017, "REQUIRED_PARAMETER_MISSING", "One or more parameters are missing", FlowerPowerErrorCategory.Validation),
        new(5017, "UNKNOWN_STATUS_UPDATE_TYPE", "The status to update was not recognised", FlowerPowerErrorCategory.Validation),
        new(5018, "INCORRECT_DATA_TYPE", "Supplied data type is incorrect", FlowerPowerErrorCategory.Validation),
        new(5019, "INCORRECT_DATA_VALUE_OF_ENUM", "Supplied value was not in enum set", FlowerPowerErrorCategory.Validation),
        new(5020, "SENSOR_NOT_CONFIGURED", "The sensor has not been correctly configured", FlowerPowerErrorCategory.Validation),
        new(5021, "INVALID_CALIBRATION_DATA", "Supplied calibration data is invalid", FlowerPowerErrorCategory.Validation),
        new(5200, "INTERNAL_ERROR", "Unexpected", FlowerPowerErrorCategory.Server),
        new(8000, "USER_ALREADY_EXISTS", "The user email already exists", FlowerPowerErrorCategory.Conflict),
        new(8001, "INVALID_EMAIL_FORMAT", "The supplied email is invalid", FlowerPowerErrorCategory.Validation),
        new(8002, "INVALID_PASSWORD_FORMAT", "The supplied password is invalid", FlowerPowerErrorCategory.Validation),
        new(8004, "UNKNOWN_USER_EMAIL", "The supplied email is not recognised", FlowerPowerErrorCategory.NotFound),
        new(8008, "UNKNOWN_OR_INVALID_USER", "User is missing", FlowerPowerErrorCategory.NotFound),
        new(8009, "CLIENT_APP_IDENTIFIER_MISSING", "The client app identifier MUST be present", FlowerPowerErrorCategory.Authentication),
        new(8010, "INVALID_USER", "Incorrect email and/or password", FlowerPowerErrorCategory.Authentication),
        new(8011, "UNSUPPORTED_APP_IDENTIFIER", "Unknown app identifier", FlowerPowerErrorCategory.Authentication),
        new(8012, "INVALID_UPDATE_DATA", "The supplied update data is invalid or missing", FlowerPowerErrorCategory.Validation),
        new(8013, "ALREADY_LINKED_ACCOUNT", "Already linked that account", FlowerPowerErrorCategory.Conflict),
        new(8014, "MISSED_USE_LITER", "Use liter parameter is missing", FlowerPowerErrorCategory.Validation),
        new(8015, "MISSED_UTC_TIMEZONE", "UTC Timezone paramter is missing", FlowerPowerErrorCategory.Validation),
        new(8016, "MISSED_USER_UUID", "User uuid parameter is missing", FlowerPowerErrorCategory.Validation),
        new(8018, "MISSING_EMAIL", "Email is missing", FlowerPowerErrorCategory.Validation),
        new(8019, "MISSING_PASSWORD", "Password is missing", FlowerPowerErrorCategory.Validation),
        new(8020, "EMAIL_EXISTS", "Email is already in system", FlowerPowerErrorCategory.Conflict),
        new(8021, "USE_LITER_BOOL", "use_liter'is a boolean, not a string", FlowerPowerErrorCategory.Validation),
        new(8022, "NO_SUCH_USER_ON_HAWAII1", "No such user on Hawaii_1 WS", FlowerPowerErrorCategory.NotFound),
    ];

    private static readonly Dictionary<int, FlowerPowerErrorDefinition[]> ByCode =
        Definitions.GroupBy(d => d.Code).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>Every definition, in the reference's order; a reused code appears once for each of its errors.</summary>
    public static IReadOnlyList<FlowerPowerErrorDefinition> All => Definitions;

    /// <summary>The definitions of a code: none for an unknown code, two for a code the reference reuses.</summary>
    /// <param name="code">The API's numeric error code.</param>
    /// <returns>The matching definitions; empty when the code is unknown.</returns>
    public static IReadOnlyList<FlowerPowerErrorDefinition> Find(int code) =>
        ByCode.TryGetValue(code, out var found) ? found : [];

    /// <summary>
    /// The one definition a code and the server's message stand for: the code's only definition, or, for a reused
    /// code, the one whose message the server's message starts with.
    /// </summary>
    /// <param name="code">The API's numeric error code.</param>
    /// <param name="serverMessage">The server's <c>error_message</c>, if any.</param>
    /// <param name="definition">The definition, when exactly one fits.</param>
    /// <returns>Whether exactly one definition fits.</returns>
    public static bool TryResolve(int code, string? serverMessage, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FlowerPowerErrorDefinition? definition)
    {
        var candidates = Find(code);
        if (candidates.Count == 1)
        {
            definition = candidates[0];
            return true;
        }

        definition = null;
        if (candidates.Count == 0 || string.IsNullOrWhiteSpace(serverMessage))
        {
            return false;
        }

        var matches = candidates
            .Where(c => c.Message.Length > 0 && serverMessage.Trim().StartsWith(c.Message.TrimEnd(':'), StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (matches.Length == 1)
        {
            definition = matches[0];
            return true;
        }

        return false;
    }
}
