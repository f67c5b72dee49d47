extension FireLensConfiguration {
  func validate(field: String) throws(TaskDefinitionError) {
    guard type == "fluentbit" else {
      throw TaskDefinitionError(field: "\(field).type", "must be fluentbit, got '\(type)'")
    }
  }
}
