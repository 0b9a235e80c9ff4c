
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Error": [
      "NotFoundError",
      "RateLimitedError",
      "StoreUnavailableError",
      "ValidationError",
      "VendorError"
    ],
    "Node": [
      "User"
    ],
    "UpdateUserResult": [
      "NotFoundError",
      "RateLimitedError",
      "StoreUnavailableError",
      "UpdateUserSuccess",
      "ValidationError",
      "VendorError"
    ],
    "VendorUserDetails": [
      "CommpeakUserDetails",
      "DialpadUserDetails",
      "ImichatUserDetails",
      "RinkelUserDetails"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Error": [
      "NotFoundError",
      "RateLimitedError",
      "StoreUnavailableError",
      "ValidationError",
      "VendorError"
    ],
    "Node": [
      "User"
    ],
    "UpdateUserResult": [
      "NotFoundError",
      "RateLimitedError",
      "StoreUnavailableError",
      "UpdateUserSuccess",
      "ValidationError",
      "VendorError"
    ],
    "VendorUserDetails": [
      "CommpeakUserDetails",
      "DialpadUserDetails",
      "ImichatUserDetails",
      "RinkelUserDetails"
    ]
  }
};
      export default result;
    