// Store module: see Database.swift
