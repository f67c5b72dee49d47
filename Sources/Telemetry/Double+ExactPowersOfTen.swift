extension Double {
  /// 10^0 … 10^22: the powers of ten a `Double` holds exactly, so one multiplication or
  /// division of an exact mantissa (at most 2^53) by one of them is correctly rounded
  /// (Clinger's fast path for decimal conversion).
  public static let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]
}
